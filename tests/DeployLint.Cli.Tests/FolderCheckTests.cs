using System.IO;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>`check DIR` reports every file `check FILE` would report, and says how many YAML files it passed over.</summary>
    public class FolderCheckTests
    {
        private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai:v0.10.1\n" +
            "      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"8192\"]\n      resources: { limits: { nvidia.com/gpu: 1 } }\n";

        [Fact]
        public void A_broken_deployment_file_in_a_folder_is_reported_as_when_checked_alone()
        {
            using var repo = new TempRepo();
            repo.Write("k8s/good.yaml", Pod);
            // The closing ']' of args is missing; the top-level keys are still there, but indented under a list.
            repo.Write("k8s/broken.yaml", "- " + Pod.Replace("\n", "\n  ").Replace("\"8192\"]", "\"8192\"").TrimEnd() + "\n");
            repo.Write("ci/workflow.yaml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n");
            repo.Write("ci/values.yaml", "replicas: 2\n");

            var (_, alone, _) = CliRunner.RunIn(repo.Path, "check", "k8s/broken.yaml");
            Assert.Contains("k8s/broken.yaml(", alone);
            Assert.Contains("error DPL0001", alone);

            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", ".");
            Assert.Equal(1, exit);
            Assert.Contains("k8s/broken.yaml(", output);
            Assert.Contains("error DPL0001", output);
            Assert.EndsWith("2 file(s), 1 deployment(s): 1 error(s), 0 warning(s), 0 note(s); 2 other YAML file(s) hold no deployment DeployLint reads\n", output.Replace("\r\n", "\n"));
        }

        [Fact]
        public void A_deployment_file_that_starts_with_a_byte_order_mark_is_found_in_a_folder()
        {
            using var repo = new TempRepo();
            File.WriteAllBytes(Path.Combine(repo.Path, "pod.yaml"), System.Text.Encoding.UTF8.GetPreamble());
            File.AppendAllText(Path.Combine(repo.Path, "pod.yaml"), Pod.Replace("--max-model-len, \"8192\"", "--tensor-parallel-size, \"3\""));
            var (_, output, _) = CliRunner.RunIn(repo.Path, "check", ".");
            Assert.Contains("pod.yaml(", output);
            Assert.StartsWith("1 file(s), 1 deployment(s)", output.Substring(output.LastIndexOf("1 file(s)", System.StringComparison.Ordinal)));
        }
    }
}
