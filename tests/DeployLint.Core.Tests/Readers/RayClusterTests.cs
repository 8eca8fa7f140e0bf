using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>Ray clusters (KubeRay RayCluster / RayService / RayJob, AIBrix RayClusterFleet) whose head runs vLLM on the Ray executor.</summary>
    public class RayClusterTests
    {
        [Fact]
        public void An_aibrix_fleet_spans_its_head_and_worker_pods()
        {
            var result = Lint.RepoFile("tests/DeployLint.Core.Tests/Readers/aibrix-rayclusterfleet.yaml");
            var plan = Assert.Single(result.Deployments).Plan!;
            Assert.Equal((2, 1, 2), (plan.Nodes, plan.GpusPerNode, plan.Tensor));
            Assert.Equal("Qwen/Qwen2.5-Coder-7B-Instruct", plan.ModelId);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DPL0020");
            var tp = Assert.Single(result.Diagnostics, d => d.Id == "DPL3002");
            Assert.Equal((22, 146), (tp.Line, tp.Column));
        }

        private const string RayService =
            "apiVersion: ray.io/v1\nkind: RayService\nmetadata: { name: llama }\nspec:\n  rayClusterConfig:\n    headGroupSpec:\n      template:\n        spec:\n" +
            "          containers:\n            - name: head\n              image: vllm/vllm-openai:v0.10.1\n" +
            "              command: [bash, -c, \"ray start --head && vllm serve meta-llama/Llama-3.1-70B-Instruct --tensor-parallel-size 8 --pipeline-parallel-size PP --distributed-executor-backend ray\"]\n" +
            "    workerGroupSpecs:\n      - groupName: gpus\n        replicas: 2\n        template:\n          spec:\n            nodeSelector: { cloud.google.com/gke-accelerator: nvidia-h100-80gb }\n" +
            "            containers: [{ name: worker, image: vllm/vllm-openai:v0.10.1, resources: { limits: { nvidia.com/gpu: 8 } } }]\n";

        [Fact]
        public void A_gpu_less_head_takes_the_gpus_and_the_gpu_type_of_its_worker_group()
        {
            var result = Linter.Lint(RayService.Replace("PP", "2"), "ray.yaml");
            var plan = Assert.Single(result.Deployments).Plan!;
            Assert.Equal(("H100-SXM-80GB", 2, 8, 8, 2), (plan.Gpu.Id, plan.Nodes, plan.GpusPerNode, plan.Tensor, plan.Pipeline));
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DPL3001");
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("come from a Ray cluster"));
        }

        [Fact]
        public void A_layout_larger_than_the_ray_cluster_is_the_error_the_engine_would_hit()
        {
            var result = Linter.Lint(RayService.Replace("PP", "4"), "ray.yaml");
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL3001");
            Assert.Equal(Severity.Error, d.Severity);
            Assert.StartsWith("the hardware has 2 x 8 = 16 GPUs but TP 8 x PP 4 x DP 1 needs 32", d.Message);
        }
    }
}
