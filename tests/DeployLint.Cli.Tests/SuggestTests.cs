using System.Linq;
using System.Text.Json;
using Xunit;

namespace DeployLint.Cli.Tests
{
    public class SuggestTests
    {
        [Fact]
        public void Suggest_ranks_layouts_that_keep_tp_inside_a_node_first_for_deepseek_on_two_nodes()
        {
            var (exit, output, _) = CliRunner.RunIn(Repo.Root, "suggest", "samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml", "--format", "json");
            Assert.Equal(0, exit);
            using var doc = JsonDocument.Parse(output);
            var layouts = doc.RootElement[0].GetProperty("layouts").EnumerateArray().ToList();
            var best = layouts.First(l => l.GetProperty("feasible").GetBoolean());
            Assert.True(best.GetProperty("tensor").GetInt32() <= 8);
            Assert.Equal("nvlink4", best.GetProperty("tensorParallelLink").GetString());
            Assert.All(layouts, l => Assert.Equal(16, l.GetProperty("tensor").GetInt32() * l.GetProperty("pipeline").GetInt32() * l.GetProperty("data").GetInt32()));
        }

        [Fact]
        public void Suggest_text_marks_the_declared_layout_and_lists_rejections_with_their_rule()
        {
            var (exit, output, _) = CliRunner.RunIn(Repo.Root, "suggest", "samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml", "--top", "20");
            Assert.Equal(0, exit);
            Assert.Contains("TP 8 x PP 2 x DP 1", output);
            Assert.Contains("(declared)", output);
            Assert.Contains("TP 8 x PP 1 x DP 2: DPL1001: needs 79.31 GiB", output);
        }
    }
}
