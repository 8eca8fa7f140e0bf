using System.Collections.Generic;
using System.IO;
using System.Linq;
using static DeployLint.Cli.Program;

namespace DeployLint.Cli.Commands
{
    /// <summary>`deploylint compare FILE...`: the deployments side by side, the better value of each row marked.</summary>
    internal static class CompareCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("compare", new[] { "--format", "-f" }.Concat(CommandHelp.LintOptions),
                "deploylint compare FILE... [options]",
                "Puts the deployments of the files side by side, one column each: GPUs, memory per GPU, KV capacity, requests at\n" +
                "maxModelLen, TTFT, TPOT, tokens/s per replica and per GPU, diagnostics; marks the better value of each row.",
                "--format text|json|markdown   output format (default text; markdown for a pull-request comment)",
                Run);

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            if (cl.Paths.Count < 1)
            {
                stderr.WriteLine("deploylint compare: give the deployment files to compare (each deployment is a column)");
                return Usage;
            }
            if (cl.Format != "text" && cl.Format != "json" && cl.Format != "markdown")
            {
                stderr.WriteLine($"deploylint compare: unknown --format '{cl.Format}' (text, json, markdown)");
                return Usage;
            }
            var columns = new List<(DeploymentResult, string)>();
            foreach (var path in cl.Paths)
            {
                if (!File.Exists(path))
                {
                    stderr.WriteLine($"deploylint compare: no such file: {TextReport.Sanitize(path)}");
                    return Usage;
                }
                var result = ManifestLinting.LintFile(path, cl, stderr, out var display, out _);
                if (result == null) return Usage;
                foreach (var d in result.Deployments) columns.Add((d, display));
            }
            if (columns.Count < 2)
            {
                stderr.WriteLine("deploylint compare: the files hold fewer than two deployments");
                return Usage;
            }
            CompareReport.Write(stdout, columns, cl.Format);
            return Clean;
        }
    }
}
