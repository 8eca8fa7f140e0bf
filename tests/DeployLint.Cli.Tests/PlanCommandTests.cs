using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>`deploylint plan`: the smallest deployment per GPU type that fits and meets the targets, ranked; --write writes a plan that passes check.</summary>
    public class PlanCommandTests
    {
        /// <summary>
        /// DeepSeek-R1 (FP8, about 79 GiB of weights per GPU at TP 8): one node of eight H200s holds it, H100s need two nodes
        /// (one node at TP 8 leaves no KV budget under gmu 0.9, DPL1001 on the declared plan).
        /// </summary>
        [Fact]
        public void Deepseek_r1_needs_one_node_of_h200_and_two_of_h100()
        {
            using var repo = new TempRepo();
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "plan", "--model", "deepseek-ai/DeepSeek-R1", "--gpu", "H100-SXM-80GB,H200-SXM-141GB", "--context", "32768", "--concurrency", "64", "--tpot-ms", "50", "--format", "json");
            Assert.Equal(0, exit);
            var gpus = JsonDocument.Parse(output).RootElement.GetProperty("gpus").EnumerateArray().ToList();
            Assert.Equal("H200-SXM-141GB", gpus[0].GetProperty("gpu").GetString());
            Assert.Equal(8, gpus[0].GetProperty("gpus").GetInt32());
            Assert.Equal("H100-SXM-80GB", gpus[1].GetProperty("gpu").GetString());
            Assert.Equal(16, gpus[1].GetProperty("gpus").GetInt32());
            Assert.Equal(2, gpus[1].GetProperty("nodes").GetInt32());
            Assert.All(gpus, g => Assert.True(g.GetProperty("tpotSeconds").GetDouble() <= 0.050));
        }

        [Fact]
        public void The_written_winner_passes_check_and_is_never_overwritten_silently()
        {
            using var repo = new TempRepo();
            string[] args = { "plan", "--model", "meta-llama/Llama-3.1-70B-Instruct", "--gpu", "H100-SXM-80GB,L40S-48GB", "--context", "16384", "--tpot-ms", "60", "--write", "best.deploy.yaml" };
            var (exit, output, _) = CliRunner.RunIn(repo.Path, args);
            Assert.Equal(0, exit);
            Assert.Contains("wrote best.deploy.yaml", output);
            string text = File.ReadAllText(Path.Combine(repo.Path, "best.deploy.yaml"));
            Assert.Contains("# Written by `deploylint plan`: ", text);
            Assert.Equal(0, CliRunner.RunIn(repo.Path, "check", "best.deploy.yaml").Exit);
            var (again, _, error) = CliRunner.RunIn(repo.Path, args);
            Assert.Equal(2, again);
            Assert.Contains("exists; not overwriting it without --force", error);
            Assert.Equal(0, CliRunner.RunIn(repo.Path, args.Concat(new[] { "--force" }).ToArray()).Exit);
        }

        [Fact]
        public void Unknown_gpus_and_models_are_usage_errors_with_suggestions()
        {
            using var repo = new TempRepo();
            var (exit, _, error) = CliRunner.RunIn(repo.Path, "plan", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", "H100-SXM-80GB,H300");
            Assert.Equal(2, exit);
            Assert.Contains("unknown GPU 'H300'", error);
        }
    
        [Fact]
        public void Suggest_ranks_feasible_layouts_by_the_objective()
        {
            var (exit, output, _) = CliRunner.RunIn(DeployLint.Testing.Repo.Root, "suggest", "samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml", "--objective", "latency", "--format", "json");
            Assert.Equal(0, exit);
            var feasible = JsonDocument.Parse(output).RootElement[0].GetProperty("layouts").EnumerateArray()
                .Where(l => l.GetProperty("feasible").GetBoolean() && l.GetProperty("meetsTargets").GetBoolean()).Select(l => l.GetProperty("tpotSeconds").GetDouble()).ToList();
            Assert.True(feasible.Count > 3);
            Assert.Equal(feasible.OrderBy(t => t).ToList(), feasible);
        }
    }
}
