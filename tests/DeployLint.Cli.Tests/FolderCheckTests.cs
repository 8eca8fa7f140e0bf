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

namespace DeployLint.Cli.Tests
{
    /// <summary>deploylint.yaml's defaults and --gpu / --inter-node name the GPU for files that do not.</summary>
    public class RepositoryDefaultsCliTests
    {
        private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai:v0.10.1\n" +
            "      args: [--model, meta-llama/Llama-3.1-70B-Instruct]\n      resources: { limits: { nvidia.com/gpu: 1 } }\n";

        [Fact]
        public void Deploylint_yaml_defaults_check_a_pod_that_names_no_gpu_and_gpu_overrides_them_for_one_run()
        {
            using var repo = new TempRepo();
            repo.Write("deploylint.yaml", "defaults:\n  gpu: H100-SXM-80GB\n");
            repo.Write("k8s/pod.yaml", Pod);

            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "k8s/pod.yaml");
            Assert.Equal(1, exit);
            Assert.Contains("info DPL0021: Pod 'p' does not name its GPU; it is checked on H100-SXM-80GB, the default of deploylint.yaml", output);
            Assert.Contains("error DPL1001: needs 131.45 GiB of bf16 weights per GPU at TP 1 x PP 1, but H100-SXM-80GB has", output);

            // On a B200 the weights fit; the model's full 131,072-token context does not (the engine would refuse).
            (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "k8s/pod.yaml", "--gpu", "B200-180GB");
            Assert.Contains("it is checked on B200-180GB, the default of --gpu", output);
            Assert.Contains("error DPL1003: one request of maxModelLen 131,072 tokens needs 40.0 GiB of KV cache per GPU", output);
            Assert.DoesNotContain("DPL1001", output);
        }
    }
}
