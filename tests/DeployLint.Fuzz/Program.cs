using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace DeployLint.Fuzz
{
    /// <summary>
    /// Coverage-guided fuzz target (SharpFuzz + AFL++ or libFuzzer) for the manifest and config.json readers and
    /// everything behind them. A finding is an exception or a DPL0017 internal error. See README.md beside this file.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                var result = Linter.LintBytes(memory.ToArray(), "fuzz.deploy.yaml");
                var internalError = result.Diagnostics.FirstOrDefault(d => d.Id == "DPL0017");
                if (internalError != null) throw new InvalidOperationException(internalError.ToString());
            });
        }
    }
}
