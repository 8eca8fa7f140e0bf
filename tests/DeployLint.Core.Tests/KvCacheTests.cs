using DeployLint.Catalog;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// KV-cache bytes per token. Measured: shared/calibration/h100-measured.json "kvCacheBytes" after a prefill of
    /// batch x seq tokens, bf16: Llama-3.1-8B 536,870,912 B for 1 x 4096; Qwen2.5-7B 234,881,024 B for 1 x 4096;
    /// Mistral-7B 1,073,741,824 B for 4 x 2048; Qwen3-30B-A3B 805,306,368 B for 4 x 2048.
    /// </summary>
    public class KvCacheTests
    {
        [Theory]
        [InlineData("meta-llama/Llama-3.1-8B-Instruct", 536_870_912L, 4096L)]
        [InlineData("Qwen/Qwen2.5-7B-Instruct", 234_881_024L, 4096L)]
        [InlineData("mistralai/Mistral-7B-v0.1", 1_073_741_824L, 8192L)]
        [InlineData("Qwen/Qwen3-30B-A3B", 805_306_368L, 8192L)]
        public void Bytes_per_token_match_the_measured_cache(string id, long measuredBytes, long tokens)
        {
            var a = HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel(id)!).Architecture!;
            Assert.Equal(measuredBytes / tokens, a.KvElementsPerToken(1) * 2);
        }

        [Theory]
        [InlineData("meta-llama/Llama-3.1-70B-Instruct", "bf16", 4, 81_920L)]     // 80 x 2 x (8/4) x 128 x 2
        [InlineData("meta-llama/Llama-3.1-70B-Instruct", "fp8", 8, 20_480L)]      // 80 x 2 x 1 x 128 x 1
        [InlineData("meta-llama/Llama-3.1-405B-Instruct", "bf16", 16, 64_512L)]   // 126 x 2 x 1 (replicated) x 128 x 2
        [InlineData("deepseek-ai/DeepSeek-V3", "bf16", 8, 70_272L)]              // MLA 61 x (512 + 64) x 2, not split by TP
        [InlineData("openai/gpt-oss-120b", "bf16", 2, 36_864L)]                   // 36 x 2 x (8/2) x 64 x 2
        [InlineData("google/gemma-2-27b-it", "bf16", 2, 188_416L)]               // 46 x 2 x 8 x 128 x 2
        public void Bytes_per_token_per_gpu_follow_tp_and_kv_format(string id, string kv, int tp, long expected)
        {
            string yaml = Lint.Header + $"model: {{ id: {id}, kvCache: {kv} }}\nhardware: {{ gpu: B200-180GB, gpusPerNode: {tp} }}\nparallelism: {{ tensor: {tp} }}\nserving: {{ maxModelLen: 4096 }}\n";
            var memory = Lint.Text(yaml).Deployments[0].Memory!;
            Assert.Equal(expected, memory.KvBytesPerToken);
        }

        [Fact]
        public void Sliding_window_layers_hold_at_most_their_window_for_a_long_request()
        {
            // gpt-oss-20b: 24 layers alternating 128-token sliding window and full attention, 8 KV heads x 64, bf16.
            // A 131,072-token request: 12 full layers x 131,072 tokens + 12 sliding layers x (128 - 1 + 8192 -> 8320 + 16) tokens.
            string yaml = Lint.Header + "model: { id: openai/gpt-oss-20b }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 131072, maxBatchedTokens: 8192 }\n";
            var memory = Lint.Text(yaml).Deployments[0].Memory!;
            long perLayerToken = 2 * 8 * 64 * 2;
            Assert.Equal(12 * 131_072L * perLayerToken + 12 * 8_336L * perLayerToken, memory.KvBytesPerMaxLenRequest);
        }
        [Fact]
        public void Chunked_local_layers_hold_the_current_chunk_and_one_scheduled_chunk()
        {
            // Llama-4-Scout at TP 4: 36 RoPE layers with 8,192-token chunked local attention, 12 global NoPE layers, 2 of 8 KV
            // heads x 128 per GPU. A 131,072-token request: global layers hold it all, chunked layers min(8192 + 8192,
            // 131072) = 16,384 tokens (vLLM ChunkedLocalAttentionSpec.max_memory_usage_bytes).
            string yaml = Lint.Header + "model: { id: meta-llama/Llama-4-Scout-17B-16E-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\nserving: { maxModelLen: 131072, maxBatchedTokens: 8192 }\n";
            var memory = Lint.Text(yaml).Deployments[0].Memory!;
            long perLayerToken = 2 * 2 * 128 * 2;
            Assert.Equal(12 * 131_072L * perLayerToken + 36 * 16_384L * perLayerToken, memory.KvBytesPerMaxLenRequest);
        }

        [Theory]
        // vLLM kv_cache_utils._get_kv_cache_groups_uniform_page_size; padding from the engines' own warnings in the
        // llm-d-planner v0.19.0 H100 sweep logs ("Add 1 padding layers", "Add 8 padding layers").
        [InlineData("google/gemma-3-4b-it", 35)]     // 29 sliding + 5 full: 6 + 1 groups of 5 (1 padding layer)
        [InlineData("google/gemma-3-27b-it", 70)]    // 52 sliding + 10 full: 6 + 1 groups of 10 (8 padding layers)
        [InlineData("google/gemma-3-12b-it", 48)]    // 40 sliding + 8 full: 5 + 1 groups of 8, no padding
        [InlineData("google/gemma-2-9b-it", 42)]     // 21 + 21: 2 groups of 21
        [InlineData("openai/gpt-oss-20b", 24)]       // 12 + 12
        [InlineData("meta-llama/Llama-4-Scout-17B-16E-Instruct", 48)] // 36 chunked-local + 12 global: 3 + 1 groups of 12
        public void Vllm_hybrid_kv_groups_cost_every_padded_layer_per_token(string id, int paddedLayers)
        {
            string yaml = Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: H100-SXM-80GB }}\nserving: {{ engine: vllm@0.19, maxModelLen: 8192 }}\n";
            var d = Lint.Text(yaml).Deployments[0];
            var kv = d.Plan!.Architecture.Layers[0].Kv;
            Assert.Equal(paddedLayers * kv.ElementsPerTokenPerGpu(1) * 2, d.Memory!.KvBytesPerToken);
        }

        [Fact]
        public void Vllm_concurrency_counts_every_group_of_a_hybrid_model()
        {
            // Gemma-3-27B at max_model_len 8192: the full group holds 512 blocks, each of the 6 sliding groups
            // (window 1024) cdiv(min(1023 + 8192, 8192), 16) + 1 = 513; a block of a group is 10 layers x 16 tokens x
            // 8,192 bytes (K and V of 16 heads x 128, bf16). vLLM logged 4.46x for 36,560 tokens.
            string yaml = Lint.Header + "model: { id: google/gemma-3-27b-it }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: vllm@0.19, maxModelLen: 8192, maxBatchedTokens: 8192 }\n";
            var m = Lint.Text(yaml).Deployments[0].Memory!;
            long blocks = 512 + 6 * 513;
            Assert.Equal(blocks * 10 * 16 * 8_192L, m.BindingStage.KvPoolBytesPerMaxLenRequest);
        }
        [Theory]
        // vLLM builds one rotary cache for Gemma 3's sliding layers (rope_local_base_freq, unscaled) and one for its
        // global layers, linear-scaled: max_position_embeddings x factor positions (LinearScalingRotaryEmbedding).
        // The sweep logged 8.58 / 51.45 GiB loaded for 4B / 27B, 0.57 / 0.35 GiB over the checkpoint's tensors.
        [InlineData("google/gemma-3-4b-it", 131_072L + 1_048_576L, 256L)]
        [InlineData("google/gemma-3-27b-it", 131_072L + 1_048_576L, 128L)]
        public void Gemma3_keeps_a_local_and_a_linear_scaled_global_rotary_cache(string id, long positions, long dim)
        {
            string yaml = Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: H100-SXM-80GB }}\nserving: {{ engine: vllm@0.19, maxModelLen: 8192 }}\n";
            var plan = Lint.Text(yaml).Deployments[0].Plan!;
            Assert.Equal(positions, plan.Architecture.RotaryPositions);
            Assert.Equal(positions * dim * 2, Estimation.MemoryEstimator.RotaryCacheBytes(plan));
        }
    }
}
