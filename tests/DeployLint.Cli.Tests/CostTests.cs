using System.Linq;
using System.Text.Json;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>
    /// Cost from a price per GPU-hour (hardware.pricePerGpuHour, --price, deploylint.yaml prices:; no prices in the catalog):
    /// GPUs x price per hour, and that hour over the output (and input) tokens the declared load produces.
    /// </summary>
    public class CostTests
    {
        private const string Plan = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\nserving: { maxModelLen: 8192, maxConcurrentSequences: 32 }\nslo: { inputTokens: 2048, outputTokens: 512 }\n";

        private static JsonElement Deployment(string output) => JsonDocument.Parse(output).RootElement;

        [Fact]
        public void A_price_gives_cost_per_hour_and_per_million_tokens_at_the_declared_load()
        {
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", Plan);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "p.deploy.yaml", "--price", "H100-SXM-80GB=2.5", "--format", "json");
            Assert.Equal(0, exit);
            var d = Deployment(output);
            var cost = d.GetProperty("cost");
            Assert.Equal(10.0, cost.GetProperty("perHour").GetDouble());
            double perGpu = d.GetProperty("time").GetProperty("tokensPerSecondPerGpu").GetDouble();
            double expectedOutput = 10.0 / (perGpu * 4 * 3600) * 1e6;
            Assert.InRange(cost.GetProperty("perMillionOutputTokens").GetDouble() / expectedOutput, 0.999, 1.001);
            // 2,048 input tokens per 512 output: the same hour over four times the tokens.
            Assert.InRange(cost.GetProperty("perMillionInputTokens").GetDouble() * 4 / cost.GetProperty("perMillionOutputTokens").GetDouble(), 0.999, 1.001);
        }

        [Fact]
        public void The_manifest_price_wins_over_the_repository_and_no_price_means_no_cost()
        {
            using var repo = new TempRepo();
            repo.Write("deploylint.yaml", "prices:\n  h100-80gb: 3.0\n");
            repo.Write("p.deploy.yaml", Plan);
            repo.Write("q.deploy.yaml", Plan.Replace("gpusPerNode: 4 }", "gpusPerNode: 4, pricePerGpuHour: 1.25 }"));
            var (_, fromRepository, _) = CliRunner.RunIn(repo.Path, "estimate", "p.deploy.yaml", "--format", "json");
            Assert.Equal(12.0, Deployment(fromRepository).GetProperty("cost").GetProperty("perHour").GetDouble());
            var (_, fromManifest, _) = CliRunner.RunIn(repo.Path, "estimate", "q.deploy.yaml", "--format", "json");
            Assert.Equal(5.0, Deployment(fromManifest).GetProperty("cost").GetProperty("perHour").GetDouble());
            using var bare = new TempRepo();
            bare.Write("p.deploy.yaml", Plan);
            var (_, none, _) = CliRunner.RunIn(bare.Path, "estimate", "p.deploy.yaml", "--format", "json");
            Assert.False(Deployment(none).TryGetProperty("cost", out _));
        }

        [Fact]
        public void Plan_ranks_by_cost_per_million_output_tokens_when_asked()
        {
            using var repo = new TempRepo();
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "plan", "--model", "meta-llama/Llama-3.1-70B-Instruct", "--gpu", "H100-SXM-80GB,H200-SXM-141GB",
                "--price", "H100-SXM-80GB=1.0", "--price", "H200-SXM-141GB=10.0", "--objective", "cost", "--format", "json");
            Assert.Equal(0, exit);
            var gpus = JsonDocument.Parse(output).RootElement.GetProperty("gpus").EnumerateArray().ToList();
            var costs = gpus.Select(g => g.GetProperty("cost").GetProperty("perMillionOutputTokens").GetDouble()).ToList();
            Assert.Equal(costs.OrderBy(c => c).ToList(), costs);
            Assert.Equal("H100-SXM-80GB", gpus[0].GetProperty("gpu").GetString());
        }
    }
}
