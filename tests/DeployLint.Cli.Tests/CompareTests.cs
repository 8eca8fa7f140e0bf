using System.Linq;
using System.Text.Json;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>`deploylint compare`: plans side by side with the better value of each row marked.</summary>
    public class CompareTests
    {
        private const string H100 = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: on-h100\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\nserving: { engine: vllm, engineVersion: \"0.19\", maxModelLen: 8192 }\n";
        private const string H200 = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: on-h200\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H200-SXM-141GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\nserving: { engine: vllm, engineVersion: \"0.19\", maxModelLen: 8192 }\n";

        [Fact]
        public void Text_puts_the_plans_side_by_side_and_marks_the_better_value()
        {
            using var repo = new TempRepo();
            repo.Write("a.deploy.yaml", H100);
            repo.Write("b.deploy.yaml", H200);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "compare", "a.deploy.yaml", "b.deploy.yaml");
            Assert.Equal(0, exit);
            var lines = output.Replace("\r\n", "\n").Split('\n');
            Assert.StartsWith("A  on-h100 (a.deploy.yaml): meta-llama/Llama-3.1-70B-Instruct, bf16, 4 x H100-SXM-80GB, TP 4 x PP 1 x DP 1, vllm 0.19", lines[0]);
            Assert.StartsWith("B  on-h200 (b.deploy.yaml): meta-llama/Llama-3.1-70B-Instruct, bf16, 2 x H200-SXM-141GB, TP 2 x PP 1 x DP 1, vllm 0.19", lines[1]);
            Assert.Matches(@"^GPUs per replica\s+4\s+2 \*$", lines.Single(l => l.StartsWith("GPUs per replica")));
            Assert.Contains(lines, l => l.StartsWith("decode bound by"));
            Assert.Equal("* the better value of the row", lines.Last(l => l.Length > 0));
        }

        [Fact]
        public void Json_gives_every_value_and_the_best_column_of_each_row()
        {
            using var repo = new TempRepo();
            repo.Write("a.deploy.yaml", H100);
            repo.Write("b.deploy.yaml", H200);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "compare", "a.deploy.yaml", "b.deploy.yaml", "--format", "json");
            Assert.Equal(0, exit);
            var root = JsonDocument.Parse(output).RootElement;
            var plans = root.GetProperty("plans").EnumerateArray().ToList();
            Assert.Equal(new[] { "on-h100", "on-h200" }, plans.Select(p => p.GetProperty("name").GetString()).ToArray());
            Assert.Equal(4, plans[0].GetProperty("values").GetProperty("gpusPerReplica").GetDouble());
            Assert.Equal(1, root.GetProperty("best").GetProperty("gpusPerReplica").GetInt32());
            // TP 2 on H200 holds twice the weights per GPU of TP 4 on H100: a row without a preference has no best.
            Assert.False(root.GetProperty("best").TryGetProperty("weightsBytesPerGpu", out _));
        }

        [Fact]
        public void One_deployment_is_nothing_to_compare()
        {
            using var repo = new TempRepo();
            repo.Write("a.deploy.yaml", H100);
            var (exit, _, error) = CliRunner.RunIn(repo.Path, "compare", "a.deploy.yaml");
            Assert.Equal(2, exit);
            Assert.Contains("deploylint compare: the files hold fewer than two deployments", error);
        }
    }
}
