using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>
    /// KubeAI Model objects (kubeai.org/v1), from substratusai/kubeai manifests/models/ (the catalog its Helm chart
    /// renders): the engine, args, url and resourceProfile become the plan.
    /// </summary>
    public class KubeAiModelTests
    {
        private const string H100 =
            "apiVersion: kubeai.org/v1\nkind: Model\nmetadata:\n  name: llama-3.1-70b-instruct-fp8-h100\nspec:\n  features: [TextGeneration]\n" +
            "  url: hf://neuralmagic/Meta-Llama-3.1-70B-Instruct-FP8\n  engine: VLLM\n  args:\n    - --max-model-len=65536\n    - --max-num-seqs=1024\n" +
            "    - --gpu-memory-utilization=0.9\n    - --tensor-parallel-size=2\n    - --enable-prefix-caching\n  targetRequests: 500\n  resourceProfile: nvidia-gpu-h100:2\n";

        [Fact]
        public void A_vllm_model_on_a_stock_profile_is_checked_on_that_gpu()
        {
            var result = Linter.Lint(H100, "llama-3.1-70b-instruct-fp8-h100.yaml");
            var d = Assert.Single(result.Deployments);
            var plan = d.Plan!;
            Assert.Equal("meta-llama/Llama-3.1-70B-Instruct", plan.ModelId); // Meta-Llama-3.1-70B-Instruct is its older name
            Assert.Equal("fp8-e4m3", plan.WeightsFormat);
            Assert.Equal("H100-SXM-80GB", plan.Gpu.Id);
            Assert.Equal((1, 2, 2), (plan.Nodes, plan.GpusPerNode, plan.Tensor));
            Assert.Equal((65536L, 1024L, 0.9), (plan.MaxModelLen, plan.MaxConcurrentSequences, plan.GpuMemoryUtilization));
            Assert.NotNull(d.Memory);
            var note = Assert.Single(result.Diagnostics, x => x.Message.StartsWith("resourceProfile nvidia-gpu-h100:2 is checked on H100-SXM-80GB"));
            Assert.Equal((16, 20), (note.Line, note.Column));
            // max-num-seqs 1024 holds 3 requests at 65,536 tokens: the worst case only, so advice.
            Assert.Equal(Severity.Info, Assert.Single(result.Diagnostics, x => x.Id == "DPL1004").Severity);
        }

        [Fact]
        public void The_profile_count_multiplies_its_gpu_and_amd_profiles_are_read()
        {
            string yaml = "apiVersion: kubeai.org/v1\nkind: Model\nmetadata:\n  name: deepseek-r1-mi300x\nspec:\n  url: hf://deepseek-ai/DeepSeek-R1\n  engine: VLLM\n" +
                          "  args:\n    - --trust-remote-code\n    - --max-model-len=32768\n    - --tensor-parallel-size=8\n    - --kv-cache-dtype=fp8\n" +
                          "  env:\n    HIP_FORCE_DEV_KERNARG: \"1\"\n  resourceProfile: amd-gpu-mi300x:8\n";
            var plan = Assert.Single(Linter.Lint(yaml, "deepseek-r1-mi300x.yaml").Deployments).Plan!;
            Assert.Equal("MI300X-192GB", plan.Gpu.Id);
            Assert.Equal((8, 8), (plan.GpusPerNode, plan.Tensor));
            Assert.Equal("deepseek-ai/DeepSeek-R1", plan.ModelId);
        }

        [Fact]
        public void An_ollama_model_runs_no_engine_deploylint_models()
        {
            string yaml = "apiVersion: kubeai.org/v1\nkind: Model\nmetadata:\n  name: gemma-27b-ollama-l4\nspec:\n  url: ollama://gemma2:27b\n  engine: OLlama\n  resourceProfile: nvidia-gpu-l4:1\n";
            var result = Linter.Lint(yaml, "gemma-27b-ollama-l4.yaml");
            Assert.Empty(result.Deployments);
            Assert.DoesNotContain(result.Diagnostics, x => x.Severity != Severity.Info);
        }
    }
}
