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
            // 18 sliding + 18 full layers of K and V of 8 heads x 64 in bf16: 36,864 bytes per token each. The same bytes
            // hold uniform x 73,728 / (36,864 + 0.8 x 36,864) tokens in the full pool: 1/0.9 of the uniform count.
            var s = Stage("openai/gpt-oss-120b");
            var swa = s.SwaPool!;
            Assert.Equal((36_864L, 36_864L), (swa.FullBytesPerToken, swa.SwaBytesPerToken));
            Assert.Equal((long)(swa.UniformTokens * 73_728.0 / (36_864 + 0.8 * 36_864)), swa.FullTokens);
            Assert.Equal((long)(swa.FullTokens * 0.8), swa.SwaTokens);
            Assert.Equal(swa.FullTokens, s.MaxTokens);
            Assert.True(swa.AllocatedBytes <= s.KvBudgetBytes);
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
