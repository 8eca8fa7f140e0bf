using DeployLint.Estimation;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// SGLang's sliding-window memory pool (model_runner_kv_cache_mixin.set_num_tokens_hybrid_swa): for gpt-oss, Llama 4
    /// and Gemma 4 the profiled token count is split so the sliding-window layers hold swa_full_tokens_ratio (0.8) as many
    /// tokens as the full-attention layers, and the full pool's count is max_total_num_tokens.
    /// </summary>
    public class SglangSwaPoolTests
    {
        private static StageMemory Stage(string id, string gpu = "H100-SXM-80GB") =>
            Lint.Text(Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: {gpu} }}\nserving: {{ engine: sglang, maxModelLen: 32768 }}\n").Deployments[0].Memory!.BindingStage;

        [Fact]
        public void Gpt_oss_full_pool_gets_the_bytes_the_sliding_layers_free()
        {
            // 18 sliding + 18 full layers of K and V of 8 heads x 64 in bf16: 36,864 bytes per token each. --max-total-tokens
            // 50000 caps the profiled count first (init_memory_pool), then set_num_tokens_hybrid_swa splits 50,000 x 36
            // layer-tokens as full x 18 + 0.8 x full x 18: full 55,555, sliding 44,444.
            var yaml = Lint.Header + "model: { id: openai/gpt-oss-120b }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: sglang, maxModelLen: 32768, maxTotalTokens: 50000 }\n";
            var s = Lint.Text(yaml).Deployments[0].Memory!.BindingStage;
            var swa = s.SwaPool!;
            Assert.Equal((36_864L, 36_864L), (swa.FullBytesPerToken, swa.SwaBytesPerToken));
            Assert.Equal((50_000L, 55_555L, 44_444L), (swa.UniformTokens, swa.FullTokens, swa.SwaTokens));
            Assert.Equal(55_555L, s.MaxTokens);
            Assert.Equal((55_555L + 44_444L) * 36_864, swa.AllocatedBytes);
        }

        [Theory]
        // A public SGLang run on Gemma 4 logged 'SGLANG_GEMMA_KV_POOL_CONFIG full_layers=10 swa_layers=50
        // full_per_token_bytes=8192 swa_per_token_bytes=16384 swa_full_tokens_ratio=0.8 cell_size_bytes=737280.0' for the
        // 31B and '... full_layers=5 swa_layers=25 full_per_token_bytes=4096 swa_per_token_bytes=8192 ... cell_size_bytes=184320.0'
        // for the 26B A4B: the bytes one full-pool token costs with its 0.8 sliding-pool tokens.
        [InlineData("google/gemma-4-31B-it", 10 * 8_192L, 50 * 16_384L, 737_280.0)]
        [InlineData("google/gemma-4-26B-A4B-it", 5 * 4_096L, 25 * 8_192L, 184_320.0)]
        public void Gemma4_per_token_bytes_match_sglangs_own_cell_size(string id, long full, long sliding, double cellSize)
        {
            var swa = Stage(id, "H200-SXM-141GB").SwaPool!;
            Assert.Equal((full, sliding), (swa.FullBytesPerToken, swa.SwaBytesPerToken));
            Assert.Equal(cellSize, swa.FullBytesPerToken + 0.8 * swa.SwaBytesPerToken);
        }

        [Fact]
        public void Gemma3_is_not_a_hybrid_swa_model_in_sglang()
        {
            Assert.Null(Stage("google/gemma-3-27b-it").SwaPool);
        }
    }
}
