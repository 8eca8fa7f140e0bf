using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using DeployLint.Testing;
using Xunit;
using Xunit.Abstractions;

namespace DeployLint.Core.Tests.Robustness
{
    /// <summary>
    /// The bounded stand-in for coverage-guided fuzzing (SharpFuzz needs AFL/libFuzzer binaries these machines do not
    /// install): 100,000 mutants of the samples and the hostile corpus, fixed seed, through the reader, binder,
    /// resolver, estimates and every rule. A crash is any exception or any DPL0017 internal error.
    /// </summary>
    public class MutationFuzzTests
    {
        public const int Iterations = 100_000;
        private readonly ITestOutputHelper _output;

        public MutationFuzzTests(ITestOutputHelper output) { _output = output; }

        [Fact]
        public void One_hundred_thousand_mutants_never_crash()
        {
            var seeds = Directory.GetFiles(Repo.PathOf("samples/manifests"), "*.deploy.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                .Select(File.ReadAllBytes)
                .Concat(HostileCorpus.Cases().Where(c => c.Bytes.Length < 20_000).Select(c => c.Bytes))
                .ToList();
            var random = new Random(20261125);
            var options = new LintOptions { Files = new InMemoryFiles(("models/custom-llama/config.json", File.ReadAllText(Repo.PathOf("samples/manifests/models/custom-llama/config.json")))) };
            var watch = Stopwatch.StartNew();
            int withDiagnostics = 0;
            for (int i = 0; i < Iterations; i++)
            {
                byte[] mutant = Mutate(seeds[random.Next(seeds.Count)], seeds, random);
                LintResult result;
                try
                {
                    result = Linter.LintBytes(mutant, "fuzz.deploy.yaml", options);
                }
                catch (Exception ex)
                {
                    File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"deploylint-crash-{i}.deploy.yaml"), mutant);
                    throw new Xunit.Sdk.XunitException($"mutant {i} threw {ex}");
                }
                var internalError = result.Diagnostics.FirstOrDefault(d => d.Id == "DPL0017");
                if (internalError != null)
                {
                    File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"deploylint-crash-{i}.deploy.yaml"), mutant);
                    throw new Xunit.Sdk.XunitException($"mutant {i}: {internalError}");
                }
                if (result.Diagnostics.Count > 0) withDiagnostics++;
            }
            watch.Stop();
            _output.WriteLine($"{Iterations} mutants in {watch.Elapsed.TotalSeconds:0.0} s, {withDiagnostics} with diagnostics, no crash");
        }

        internal static byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> seeds, Random random)
        {
            var data = new List<byte>(seed);
            int rounds = 1 + random.Next(4);
            for (int r = 0; r < rounds; r++)
            {
                int at = data.Count == 0 ? 0 : random.Next(data.Count);
                switch (random.Next(9))
                {
                    case 0 when data.Count > 0: data[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1 when data.Count > 0: data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16))); break;
                    case 2: data.InsertRange(at, Tokens[random.Next(Tokens.Length)]); break;
                    case 3 when data.Count > 0: data[at] = (byte)random.Next(256); break;
                    case 4:
                    {
                        var other = seeds[random.Next(seeds.Count)];
                        int from = other.Length == 0 ? 0 : random.Next(other.Length);
                        data.InsertRange(at, other.Skip(from).Take(1 + random.Next(64)));
                        break;
                    }
                    case 5 when data.Count > 0:
                    {
                        int len = Math.Min(data.Count - at, 1 + random.Next(40));
                        var chunk = data.GetRange(at, len);
                        data.InsertRange(at, chunk);
                        break;
                    }
                    case 6: data.RemoveRange(at, data.Count - at); break;
                    case 7: data.InsertRange(at, Encoding.UTF8.GetBytes(random.Next(-5, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture))); break;
                    default: data.InsertRange(at, Encoding.UTF8.GetBytes(new string(' ', random.Next(1, 6)))); break;
                }
            }
            return data.ToArray();
        }

        private static readonly byte[][] Tokens = new[]
        {
            ":", "- ", "\n", "\t", "{", "}", "[", "]", "&a ", "*a", "---\n", "? ", "!!str ", "'", "\"", "#", "|\n", ">\n", "<<: ", "%YAML 1.2\n", "\r\n", "\\u0000", "0x", ".inf", "1e308", "-", "~",
            "tensor: 64\n", "pipeline: 200\n", "expert: 3\n", "gpu: h100\n", "id: deepseek-ai/DeepSeek-R1\n", "maxModelLen: 99999999\n", "nodes: 128\n", "interNode: eth-10g\n", "weights: nvfp4\n",
        }.Select(Encoding.UTF8.GetBytes).ToArray();
    }
}
