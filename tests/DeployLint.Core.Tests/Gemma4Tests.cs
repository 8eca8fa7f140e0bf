using System.Linq;
using DeployLint.Catalog;
using DeployLint.Estimation;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Gemma 4 (google/gemma-4-31B-it, google/gemma-4-26B-A4B-it config.json). Counted by hand from the shapes:
    /// - 31B decoder: embeddings 262,144 x 5,376; 50 sliding layers of 478,959,104 (q/k/v/o 132,120,576, MLP 3 x 5,376 x
    ///   21,504, four norms, q/k norms of 256) and 10 full layers of 534,009,856 (q 32 x 512, k 4 x 512 and no v_proj
    ///   under attention_k_eq_v, o, q/k norms of 512); 30,697,345,280 in all, the model card's "30.7B".
    /// - 26B A4B decoder: 25,233,141,760, the card's "25.2B total", with 30 x 128 routed experts of 3 x 2,816 x 704.
    /// - Vision tower (both): 27 layers of 20,187,792 (1,152 wide, 16 heads of 72, MLP 4,304), the 768 -> 1,152 patch
    ///   projection, a 2 x 10,240 x 1,152 position table and the standardization pair: 569,550,384, plus the projection
    ///   into the text width (1,152 x 5,376 or x 2,816).
    /// </summary>
    public class Gemma4Tests
    {
        [Theory]
        [InlineData("google/gemma-4-31B-it", 30_697_345_280L + 569_550_384L + 1_152L * 5_376, 0L)]
        [InlineData("google/gemma-4-26B-A4B-it", 25_233_141_760L + 569_550_384L + 1_152L * 2_816, 30L * 128 * 3 * 2_816 * 704)]
        public void Parameter_count_is_the_decoder_plus_the_vision_tower(string id, long parameters, long routedExperts)
        {
            var a = HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel(id)!).Architecture!;
            Assert.Equal("gemma4", a.Family);
            Assert.Equal(parameters, a.TotalParameters);
            Assert.Equal(routedExperts, a.RoutedExpertParameters);
        }

        [Fact]
        public void Full_layers_have_the_global_head_shape_and_sliding_layers_the_local_one()
        {
            var a = HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel("google/gemma-4-31B-it")!).Architecture!;
            Assert.Equal(60, a.LayerCount);
            var full = a.Layers.Where(l => l.Kv.SlidingWindow == 0).ToList();
            Assert.Equal(10, full.Count);
            Assert.Equal((4L, 512L), (full[0].Kv.KvHeads, full[0].Kv.HeadDim));
            var sliding = a.Layers[0].Kv;
            Assert.Equal((16L, 256L, 1024L), (sliding.KvHeads, sliding.HeadDim, sliding.SlidingWindow));
            // vLLM fills the V slot of its fused QKV with K: 4 x 512 x 5,376 values per full layer in memory, not in the checkpoint.
            var v = full[0].Tensors.Single(t => t.Name == "v_proj");
            Assert.Equal((0L, 4L * 512 * 5_376), (v.Parameters, v.Elements));
        }

        [Fact]
        public void Vllm_enlarges_the_full_layers_blocks_so_their_half_pages_match_the_sliding_ones()
        {
            // 31B at TP 1: a sliding layer keeps 2 x 16 x 256 = 8,192 values per token, a full one 2 x 4 x 512 = 4,096; vLLM
            // gives the full layers 32-token blocks. 50 + 10 layers make 5 + 1 groups of 10, each paying 8,192 x 2 bytes.
            var d = Lint.Text(Lint.Header + "model: { id: google/gemma-4-31B-it }\nhardware: { gpu: H100-SXM-80GB }\n" +
                              "serving: { engine: vllm@0.19, maxModelLen: 32768, maxBatchedTokens: 8192 }\n").Deployments[0];
            var m = d.Memory!;
            Assert.Equal(6 * 10 * 8_192L * 2, m.KvBytesPerToken);
            var groups = m.BindingStage.KvGroups!;
            Assert.Equal((6, 10, 8_192L), (groups.Groups, groups.LayersPerGroup, groups.PageElements));
            Assert.Equal(new long[] { 1, 2 }, groups.GroupsByWindow.Select(g => g.BlockRatio).OrderBy(r => r).ToArray());
            // One 32,768-token request: the full group cdiv(32,768, 32) = 1,024 blocks, each sliding group
            // cdiv(1,023 + 8,192, 16) + 1 = 577; a block is 10 layers x 16 tokens x 8,192 x 2 bytes.
            Assert.Equal((1_024L + 5 * 577) * 10 * 16 * 8_192 * 2, m.BindingStage.KvPoolBytesPerMaxLenRequest);
        }

        /// <summary>
        /// A real vLLM log for google/gemma-4-31B-it (alvarobartt/hf-mem#61, May 2026): "Available KV cache memory: 24.54 GiB",
        /// "GPU KV cache size: 26,800 tokens". 24.54 GiB / (10 layers x 16 tokens x 8,192 x 2 bytes) = 10,051 blocks;
        /// // 6 groups x 16 = 26,800. Any other per-token cost (all 60 layers full: 163,840 x 6; no page unification) misses.
        /// </summary>
        [Fact]
        public void A_logged_kv_size_is_reproduced_to_the_token()
        {
            var m = Lint.Text(Lint.Header + "model: { id: google/gemma-4-31B-it }\nhardware: { gpu: H100-SXM-80GB }\n" +
                              "serving: { engine: vllm@0.20.0, maxModelLen: 8192, kvCacheMemory: 24.54GiB }\n").Deployments[0].Memory!;
            Assert.Equal(26_800L, m.MaxTokensInKvCache);
        }

        /// <summary>
        /// vllm#40388 (comment of 2026-08-19, vLLM 0.26.0): gemma-4-26B-A4B-it FP8 on one L40S, --max-model-len 32768, an fp8 KV
        /// cache, a 15.18 GiB budget: "417,022 tokens", "12.73x". In one byte a sliding layer keeps 8 x 256 x 2 values and a
        /// full one 2 x 512 x 2, so 25 + 5 layers make 5 + 1 groups of 5 at 4,096 bytes a token; a block is 327,680 bytes.
        /// The budget that rounds to 15.18 GiB and gives both figures is 49,748 blocks; a request takes 1,024 + 5 x 577.
        /// </summary>
        [Fact]
        public void A_vllm_0_26_fp8_kv_log_of_the_26b_is_reproduced()
        {
            var m = Lint.Text(Lint.Header + "model: { id: google/gemma-4-26B-A4B-it, weights: fp8-e4m3, kvCache: fp8-e4m3 }\nhardware: { gpu: L40S-48GB }\n" +
                              "serving: { engine: vllm@0.26.0, maxModelLen: 32768, maxBatchedTokens: 8192, kvCacheMemory: 16301424640 }\n").Deployments[0].Memory!;
            Assert.Equal(417_022L, m.MaxTokensInKvCache);
            Assert.Equal("12.73", m.ConcurrencyAtMaxModelLen.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }

        [Fact]
        public void At_tensor_parallel_8_the_pages_are_equal()
        {
            // 16 / 8 = 2 sliding KV heads of 256 and one of the 4 full heads of 512 per GPU: 1,024 values per token either way.
            var m = Lint.Text(Lint.Header + "model: { id: google/gemma-4-31B-it }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism: { tensor: 8 }\n" +
                              "serving: { engine: vllm@0.19, maxModelLen: 32768 }\n").Deployments[0].Memory!;
            Assert.Equal(60 * 1_024L * 2, m.KvBytesPerToken);
            Assert.All(m.BindingStage.KvGroups!.GroupsByWindow, g => Assert.Equal(1, g.BlockRatio));
        }

        [Fact]
        public void Since_0_20_1_the_logged_kv_size_is_max_concurrency_times_max_model_len()
        {
            const string Plan = "model: { id: google/gemma-4-31B-it }\nhardware: { gpu: A100-SXM-80GB }\n";
            string Serving(string version) => $"serving: {{ engine: vllm@{version}, maxModelLen: 65536, maxBatchedTokens: 8192, gpuMemoryUtilization: 0.95 }}\n";
            var before = Lint.Text(Lint.Header + Plan + Serving("0.20.0")).Deployments[0].Memory!.BindingStage;
            var after = Lint.Text(Lint.Header + Plan + Serving("0.21.0")).Deployments[0].Memory!.BindingStage;
            // 0.20.0: num_blocks // 6 groups x 16 tokens.
            long blockBytes = 10 * 16 * 8_192L * 2;
            Assert.Equal(before.KvBudgetBytes / blockBytes / 6 * 16, before.MaxTokens);
            // 0.21.0: num_blocks / (2,048 full + 5 x 577 sliding blocks per 65,536-token request) x 65,536.
            long blocks = after.KvBudgetBytes / blockBytes;
            Assert.Equal((long)System.Math.Floor((double)blocks / (2_048 + 5 * 577) * 65_536), after.MaxTokens);
            // The sliding layers hold a window, not the context, so on one budget the report is about 5x the old formula's
            // (vllm#43308: ~55k -> ~525k at the full 262,144 context).
            Assert.InRange((double)after.MaxTokens / (blocks / 6 * 16), 4.9, 5.1);
        }

        /// <summary>
        /// vllm#43308: cyankiwi/gemma-4-31B-it-AWQ-4bit on an A100 80GB at --gpu-memory-utilization 0.9, the model's own
        /// context, "~55k tokens" on 0.20.0 and "~525k" on 0.21.0 with "~50 GB" of KV cache either way. The reporter's other
        /// arguments are not given, so the figures are held to 10% (0.20.0) and 15% (0.21.0).
        /// </summary>
        [Fact]
        public void The_ten_fold_jump_in_the_logged_kv_size_between_0_20_0_and_0_21_0_is_reproduced()
        {
            long Logged(string version) => Lint.Text(Lint.Header + "model: { id: cyankiwi/gemma-4-31B-it-AWQ-4bit }\nhardware: { gpu: A100-SXM-80GB }\n" +
                                                     $"serving: {{ engine: vllm@{version}, gpuMemoryUtilization: 0.9 }}\n").Deployments[0].Memory!.MaxTokensInKvCache;
            Assert.InRange(Logged("0.20.0"), 55_000 * 0.9, 55_000 * 1.1);
            Assert.InRange(Logged("0.21.0"), 525_000 * 0.85, 525_000 * 1.15);
        }

        [Fact]
        public void A_request_too_long_for_the_pool_is_refused_with_the_longest_that_fits()
        {
            var result = Lint.Text(Lint.Header + "model: { id: google/gemma-4-31B-it }\nhardware: { gpu: H100-SXM-80GB }\n" +
                                   "serving: { engine: vllm@0.21, maxModelLen: 32768, maxBatchedTokens: 8192 }\n");
            var error = Assert.Single(result.Diagnostics, x => x.Id == "DPL1003");
            Lint.At(error, 6, 44);
            var d = result.Deployments[0];
            long fits = d.Memory!.LongestRequestInKvCache;
            Assert.Contains($"Set maxModelLen to at most {fits:N0}", error.Message);
            // The largest length whose blocks in all six groups fit the budget, as vLLM's auto-fit bisects it.
            var groups = d.Memory.BindingStage.KvGroups!;
            Assert.True(MemoryEstimator.KvPoolBytesForRequest(d.Plan!, groups, fits) <= d.Memory.KvBudgetBytes);
            Assert.True(MemoryEstimator.KvPoolBytesForRequest(d.Plan!, groups, fits + 1) > d.Memory.KvBudgetBytes);
            Assert.InRange(fits, 16_384, 32_767);
        }

        /// <summary>
        /// E2B and E4B: a decoder with per-layer embeddings (262,144 x layers x 256) whose last 20 (E2B) or 18 (E4B) layers
        /// read earlier layers' caches, the 768-wide vision tower and the 1,024-wide conformer audio tower (12 layers of
        /// 24 x 1,024^2 + 14 x 1,024 + 128, subsampling 1,086,752, output_proj 1,574,400) with their projections.
        /// E2B: decoder 4,647,449,856 (2,298,639,616 without the per-layer table: the card's "2.3B effective"), vision
        /// 168,544,256, audio 307,183,904: 5,123,178,016, the card's "5.1B". E4B: 7,518,068,992 + 169,330,688 + 308,756,768
        /// = 7,996,156,448, the card's "8B".
        /// </summary>
        [Theory]
        [InlineData("google/gemma-4-E2B-it", 5_123_178_016L)]
        [InlineData("google/gemma-4-E4B-it", 7_996_156_448L)]
        public void The_small_models_count_per_layer_embeddings_and_both_towers(string id, long parameters)
        {
            var a = HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel(id)!).Architecture!;
            Assert.Equal(parameters, a.TotalParameters);
        }

        [Theory]
        // E2B: 15 layers keep a cache (12 sliding of 1 x 256, 3 full of 1 x 512): the sliding pages are enlarged to the full
        // ones, 4 + 1 groups of 3, each 2 x 512 values x 2 bytes a token. E4B: 24 (20 sliding of 2 x 256, 4 full of 2 x 512),
        // 5 + 1 groups of 4 at 2 x 1,024 values.
        [InlineData("google/gemma-4-E2B-it", 5, 3, 1_024L)]
        [InlineData("google/gemma-4-E4B-it", 6, 4, 2_048L)]
        public void Kv_shared_layers_keep_no_cache_of_their_own(string id, int groups, int layersPerGroup, long pageElements)
        {
            var m = Lint.Text(Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: L4-24GB }}\nserving: {{ engine: vllm@0.21, maxModelLen: 32768, maxBatchedTokens: 8192 }}\n").Deployments[0].Memory!;
            var g = m.BindingStage.KvGroups!;
            Assert.Equal((groups, layersPerGroup, pageElements), (g.Groups, g.LayersPerGroup, g.PageElements));
            Assert.Equal(groups * layersPerGroup * pageElements * 2, m.KvBytesPerToken);
            Assert.Equal(new long[] { 1, 2 }, g.GroupsByWindow.Select(w => w.BlockRatio).Distinct().OrderBy(r => r).ToArray());
        }

        [Fact]
        public void The_shared_layers_of_e2b_have_double_wide_mlps()
        {
            var a = HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel("google/gemma-4-E2B-it")!).Architecture!;
            Assert.Equal(20, a.Layers.Count(l => l.Kv.ReadsAnotherLayersCache));
            Assert.False(a.Layers[14].Kv.ReadsAnotherLayersCache);
            long Up(int layer) => a.Layers[layer].Tensors.Single(t => t.Name == "mlp.up_proj").Rows;
            Assert.Equal((6_144L, 12_288L), (Up(14), Up(15)));
        }
    }
}
