using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Options that size the KV cache directly: vLLM --kv-cache-memory (CacheConfig.kv_cache_memory_bytes, vllm#21489: the
    /// cache gets exactly that many bytes, the gpu_memory_utilization budget is not used) and SGLang --max-total-tokens
    /// (model_runner init_memory: max_total_num_tokens = min(profiled, the cap)).
    /// </summary>
    public class KvCacheSizeOptionTests
    {
        private static Estimation.MemoryEstimate Memory(string yaml, string path = "p.deploy.yaml") => Assert.Single(Linter.Lint(yaml, path).Deployments).Memory!;

        private static string Pod(string args) =>
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: llm }\nspec:\n  template:\n    spec:\n      containers:\n" +
            $"        - name: engine\n          image: {args}\n" +
            "          resources: { limits: { nvidia.com/gpu: 1 } }\n      nodeSelector: { nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3 }\n";

        [Fact]
        public void Vllm_kv_cache_memory_sets_the_cache_in_bytes()
        {
            // Llama-3.1-8B: 131,072 bytes per token; 8G (vLLM's binary suffix) = 8,589,934,592 bytes = 65,536 tokens.
            var m = Memory(Pod("vllm/vllm-openai:v0.27.1\n          args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"8192\", --kv-cache-memory, 8G]"), "deploy.yaml");
            Assert.Equal(8_589_934_592L, m.BindingStage.KvBudgetBytes);
            Assert.Equal(65_536, m.MaxTokensInKvCache);
            var native = Memory(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192, kvCacheMemory: 8GiB }\n");
            Assert.Equal(65_536, native.MaxTokensInKvCache);
        }

        [Fact]
        public void Sglang_max_total_tokens_caps_the_pool()
        {
            var m = Memory(Pod("lmsysorg/sglang:v0.5.4\n          command: [python3, -m, sglang.launch_server, --model-path, meta-llama/Llama-3.1-8B-Instruct, --context-length, \"8192\", --max-total-tokens, \"100000\"]"), "deploy.yaml");
            Assert.Equal(100_000, m.MaxTokensInKvCache);
            Assert.Equal(100_000L * 131_072, m.BindingStage.KvBudgetBytes);
            var uncapped = Memory(Pod("lmsysorg/sglang:v0.5.4\n          command: [python3, -m, sglang.launch_server, --model-path, meta-llama/Llama-3.1-8B-Instruct, --context-length, \"8192\"]"), "deploy.yaml");
            Assert.True(uncapped.MaxTokensInKvCache > 100_000);
        }

        [Fact]
        public void A_byte_count_that_is_not_one_is_reported_at_the_option()
        {
            var result = Linter.Lint(Pod("vllm/vllm-openai:v0.27.1\n          args: [--model, meta-llama/Llama-3.1-8B-Instruct, --kv-cache-memory, lots]"), "deploy.yaml");
            var d = Assert.Single(result.Active, x => x.Id == "DPL0004");
            Assert.Contains("--kv-cache-memory lots: expected a positive byte count", d.Message);
        }
    }
}
