using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit;

namespace DeployLint.Cli.Tests
{
    public class SarifTests
    {
        private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Repo.PathOf("tests/DeployLint.Cli.Tests/Schemas/sarif-2.1.0.json")));

        private static JsonDocument Sarif(string directory, params string[] paths)
        {
            var (exit, output, _) = CliRunner.RunIn(directory, new[] { "check" }.Concat(paths).Concat(new[] { "--format", "sarif" }).ToArray());
            Assert.True(exit == 0 || exit == 1, output);
            return JsonDocument.Parse(output);
        }

        [Fact]
        public void Sarif_of_the_samples_validates_against_the_sarif_2_1_0_schema()
        {
            using var doc = Sarif(Repo.Root, "samples/manifests");
            var result = Schema.Evaluate(JsonNode.Parse(doc.RootElement.GetRawText()), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.Errors != null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value)).Take(10)));
        }

        /// <summary>
        /// GitHub code scanning's hard limits (docs.github.com, "SARIF results exceed hard limit"): 20 runs per file, 25,000
        /// results and 25,000 rules per run, 1,000 locations per result, 20 tags per rule (10 displayed), 10 MB gzipped.
        /// </summary>
        [Fact]
        public void Sarif_of_every_sample_stays_inside_githubs_ingestion_limits()
        {
            var (_, output, _) = CliRunner.RunIn(Repo.Root, "check", "samples", "--format", "sarif");
            using var doc = JsonDocument.Parse(output);
            var runs = doc.RootElement.GetProperty("runs").EnumerateArray().ToList();
            Assert.InRange(runs.Count, 1, 20);
            foreach (var run in runs)
            {
                var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
                Assert.InRange(rules.Count, 1, 25_000);
                Assert.All(rules, r => Assert.InRange(r.GetProperty("properties").GetProperty("tags").GetArrayLength(), 0, 10));
                var results = run.GetProperty("results").EnumerateArray().ToList();
                Assert.InRange(results.Count, 1, 25_000);
                Assert.All(results, r => Assert.InRange(r.GetProperty("locations").GetArrayLength(), 1, 1_000));
            }
            using var gzipped = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(gzipped, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
                gzip.Write(System.Text.Encoding.UTF8.GetBytes(output));
            Assert.InRange(gzipped.Length, 1, 10L * 1024 * 1024);
        }

        [Fact]
        public void More_results_than_github_accepts_keep_the_most_severe_and_say_how_many_were_left_out()
        {
            var rule = DeployLint.Rules.RuleRegistry.Find("DPL0002")!;
            var diagnostics = Enumerable.Range(0, 30_000)
                .Select(i => new DeployLint.Diagnostic(rule, i % 10 == 0 ? DeployLint.Severity.Error : DeployLint.Severity.Warning, "unknown key " + i, "big.deploy.yaml", DeployLint.Yaml.SourceSpan.At(i + 1, 1)))
                .ToList();
            var result = new DeployLint.LintResult("big.deploy.yaml", System.Array.Empty<DeployLint.DeploymentResult>(), diagnostics);
            var writer = new StringWriter();
            SarifReport.Write(writer, new[] { (result, "big.deploy.yaml", string.Join("\n", Enumerable.Range(0, 30_000).Select(i => "k" + i + ": 1"))) });
            using var doc = JsonDocument.Parse(writer.ToString());
            var run = doc.RootElement.GetProperty("runs")[0];
            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(SarifReport.MaxResultsPerRun, results.Count);
            Assert.Equal(3_000, results.Count(r => r.GetProperty("level").GetString() == "error"));
            var notification = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0];
            Assert.StartsWith("5000 of 30000 results left out", notification.GetProperty("message").GetProperty("text").GetString());
            var validation = Schema.Evaluate(JsonNode.Parse(writer.ToString()), new EvaluationOptions { OutputFormat = OutputFormat.Flag });
            Assert.True(validation.IsValid);
        }

        [Fact]
        public void Rules_and_results_round_trip_ids_levels_and_locations()
        {
            using var doc = Sarif(Repo.Root, "samples/manifests/deepseek-r1-bf16-16xa100.deploy.yaml");
            var run = doc.RootElement.GetProperty("runs")[0];
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
            Assert.Equal(DeployLint.Rules.RuleRegistry.All.Count, rules.Count);
            var rule1001 = rules.Single(r => r.GetProperty("id").GetString() == "DPL1001");
            Assert.Equal("WeightsExceedGPUMemory", rule1001.GetProperty("name").GetString());
            Assert.Equal("https://github.com/deploylint/deploylint/blob/main/rules/DPL1001.md", rule1001.GetProperty("helpUri").GetString());
            Assert.Equal("error", rule1001.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            var result = run.GetProperty("results").EnumerateArray().Single();
            Assert.Equal("DPL1001", result.GetProperty("ruleId").GetString());
            Assert.Equal("DPL1001", rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("samples/manifests/deepseek-r1-bf16-16xa100.deploy.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            var region = location.GetProperty("region");
            Assert.Equal((11, 8, 11, 21), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
        }

        [Fact]
        public void Fingerprints_survive_unrelated_edits_and_change_with_the_flagged_line()
        {
            const string manifest = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\n";
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", manifest);
            string Fingerprint()
            {
                using var doc = Sarif(repo.Path, "p.deploy.yaml");
                return doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("partialFingerprints").GetProperty("deployLintLocation/v1").GetString()!;
            }
            string before = Fingerprint();
            repo.Write("p.deploy.yaml", "# owner: platform team\n# reviewed 2026-11\n" + manifest);
            Assert.Equal(before, Fingerprint());
            repo.Write("p.deploy.yaml", manifest.Replace("  gpu: H100-SXM-80GB", "  gpu: A100-SXM-80GB"));
            Assert.NotEqual(before, Fingerprint());
        }

        [Fact]
        public void Suppressed_results_carry_their_reason()
        {
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\nsuppress:\n  - { rule: DPL1001, reason: \"offloads weights to CPU\" }\n");
            using var doc = Sarif(repo.Path, "p.deploy.yaml");
            var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "DPL1001");
            var suppression = result.GetProperty("suppressions")[0];
            Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
            Assert.Equal("offloads weights to CPU", suppression.GetProperty("justification").GetString());
        }
    }
}
