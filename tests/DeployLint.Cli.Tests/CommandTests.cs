using Xunit;

namespace DeployLint.Cli.Tests
{
    public class CommandTests
    {
        [Fact]
        public void Version_names_the_catalog_date()
        {
            var (exit, output, _) = CliRunner.Run("--version");
            Assert.Equal(0, exit);
            Assert.Equal("deploylint 0.1.0 (catalog 2026-12-05)", output.Trim());
        }

        [Fact]
        public void Rules_lists_every_rule_with_its_severity()
        {
            var (exit, output, _) = CliRunner.Run("rules");
            Assert.Equal(0, exit);
            Assert.Contains("DPL1001  error    Weights exceed GPU memory", output);
            Assert.Equal(DeployLint.Rules.RuleRegistry.All.Count, output.Trim().Split('\n').Length);
        }

        [Fact]
        public void Explain_prints_the_rule_page_and_suggests_near_ids()
        {
            var (exit, output, _) = CliRunner.Run("explain", "DPL1003");
            Assert.Equal(0, exit);
            Assert.StartsWith("# DPL1003: KV cache cannot hold one request of maxModelLen", output);
            var (bad, _, err) = CliRunner.Run("explain", "DPL1030");
            Assert.Equal(2, bad);
            Assert.Contains("did you mean", err);
        }

        [Fact]
        public void Init_writes_a_starter_manifest_that_passes_check()
        {
            using var repo = new TempRepo();
            var (exit, _, _) = CliRunner.RunIn(repo.Path, "init", "--model", "meta-llama/Llama-3.1-70B-Instruct", "--gpu", "H100-SXM-80GB", "--out", "prod.deploy.yaml");
            Assert.Equal(0, exit);
            string text = System.IO.File.ReadAllText(System.IO.Path.Combine(repo.Path, "prod.deploy.yaml"));
            Assert.Contains("parallelism: { tensor: 2 }", text);
            Assert.Equal(0, CliRunner.RunIn(repo.Path, "check", "prod.deploy.yaml").Exit);
            Assert.Equal(2, CliRunner.RunIn(repo.Path, "init", "--model", "meta-llama/Llama-3.1-70B-Instruct", "--gpu", "H100-SXM-80GB", "--out", "prod.deploy.yaml").Exit);
        }

        /// <summary>
        /// DeepSeek-R1 (FP8, 79.3 GiB per GPU at TP 8) does not fit one node of H100s under gmu 0.9 (DPL1001): the starter
        /// spans two nodes, TP 8 x PP 2 over InfiniBand, the smallest layout that passes check, and says why.
        /// </summary>
        [Fact]
        public void Init_spans_nodes_when_one_node_cannot_hold_the_model()
        {
            using var repo = new TempRepo();
            var (exit, _, _) = CliRunner.RunIn(repo.Path, "init", "--model", "deepseek-ai/DeepSeek-R1", "--gpu", "H100-SXM-80GB", "--out", "r1.deploy.yaml");
            Assert.Equal(0, exit);
            string text = System.IO.File.ReadAllText(System.IO.Path.Combine(repo.Path, "r1.deploy.yaml"));
            Assert.Contains("  nodes: 2\n  gpusPerNode: 8\n  interNode: ib-ndr-400\nparallelism: { tensor: 8, pipeline: 2 }", text.Replace("\r\n", "\n"));
            Assert.Contains("No single node of H100-SXM-80GB holds it, so TP 8 in each node x PP 2 over 2 nodes is the smallest layout that passes", text);
            Assert.Equal(0, CliRunner.RunIn(repo.Path, "check", "r1.deploy.yaml").Exit);
        }

        [Fact]
        public void Init_refuses_rather_than_write_a_plan_that_fails()
        {
            using var repo = new TempRepo();
            // Llama-3.1-405B in bf16 (~756 GiB) on T4s: eight nodes of four 15 GiB cards cannot hold it.
            var (exit, _, err) = CliRunner.RunIn(repo.Path, "init", "--model", "meta-llama/Llama-3.1-405B-Instruct", "--gpu", "T4-16GB", "--out", "x.deploy.yaml");
            Assert.Equal(1, exit);
            Assert.Contains("deploylint init: no layout of up to 8 nodes of T4-16GB passes check for meta-llama/Llama-3.1-405B-Instruct", err);
            Assert.False(System.IO.File.Exists(System.IO.Path.Combine(repo.Path, "x.deploy.yaml")));
        }

        [Theory]
        [InlineData("auto", true, null, true)]
        [InlineData("auto", true, "1", false)]
        [InlineData("auto", false, null, false)]
        [InlineData("never", true, null, false)]
        [InlineData("always", false, "1", true)]
        public void Colors_only_on_a_terminal_and_never_with_NO_COLOR_unless_forced(string mode, bool terminal, string? noColor, bool expected)
        {
            Assert.Equal(expected, ColorPolicy.Enabled(mode, terminal, noColor));
        }

        [Fact]
        public void Estimate_draws_a_stacked_bar_with_colors_only_when_asked()
        {
            var (_, plain, _) = CliRunner.RunIn(Repo.Root, "estimate", "samples/manifests/llama-3.1-8b-1xh100.deploy.yaml");
            Assert.Contains("# weights 14.99 GiB", plain);
            Assert.DoesNotContain('\u001b', plain);
            var (_, colored, _) = CliRunner.RunIn(Repo.Root, "estimate", "samples/manifests/llama-3.1-8b-1xh100.deploy.yaml", "--color", "always");
            Assert.Contains("\u001b[34m#", colored);
        }
    }
}
