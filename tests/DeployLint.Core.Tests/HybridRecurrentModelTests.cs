using System.Linq;
using DeployLint.Catalog;
using DeployLint.Models;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Qwen3-Next and Qwen3.5 / Qwen3.6: Gated DeltaNet layers with a recurrent state beside gated full attention.
    /// Published total: Qwen3_5MoeForConditionalGeneration checkpoints of the 35B-A3B shape carry 35.95B parameters on the
    /// Hugging Face Hub (Don-oz/Tess-4-35B-A3B, "params": 35.95 in the Hub metadata an AutoRound job recorded on 2026-07-27;
    /// its config.json is the Qwen3.6-35B-A3B one). Counted by hand from the shapes: text 34,660,610,688 + vision tower
    /// 446,571,248 + one MTP layer 844,640,768 = 35,951,822,704.
    /// </summary>
    public class HybridRecurrentModelTests
    {
        private static Architecture Of(string id)
        {
            var catalog = HardwareCatalog.BuiltIn;
            return catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!;
        }

        [Fact]
        public void Qwen36_35b_a3b_equals_its_published_total()
        {
            var a = Of("Qwen/Qwen3.6-35B-A3B");
            long mtp = a.NextTokenPredictors.Sum(t => t.Parameters);
            long vision = a.Embedding.Where(t => t.Role == TensorRole.Vision).Sum(t => t.Parameters);
            Assert.Equal(844_640_768L, mtp);
            Assert.Equal(446_571_248L, vision);
            Assert.Equal(35_107_181_936L, a.TotalParameters); // text + vision, what vLLM loads without MTP
            Assert.Equal(35_951_822_704L, a.TotalParameters + mtp);
            Assert.Equal(35.95, System.Math.Round((a.TotalParameters + mtp) / 1e9, 2));
            Assert.Equal(40, a.LayerCount);
            Assert.Equal(10, a.Layers.Count(l => l.Kv.Kind == AttentionKind.Gqa));
            Assert.Equal(AttentionKind.Recurrent, a.Layers[0].Kv.Kind);
            Assert.Equal(AttentionKind.Gqa, a.Layers[3].Kv.Kind);
            Assert.True(a.HasRecurrentState);
            Assert.Equal(64, a.RotaryDim); // partial_rotary_factor 0.25 of head_dim 256
        }

        /// <summary>
        /// Qwen3.5-397B-A17B, counted by hand from its shapes: untied 248,320 x 4,096 embeddings and head (2,034,237,440), the
        /// final norm; 15 gated full-attention layers of 104,858,112 (q with its gate 16,384 x 4,096, k and v 512 x 4,096, o
        /// 4,096 x 8,192, q/k norms) and 45 Gated DeltaNet layers of 118,014,208 (in_proj_qkvz 20,480 x 4,096, in_proj_ba
        /// 128 x 4,096, conv 12,288 x 4, dt_bias, A_log, gated norm 128, out_proj 4,096 x 8,192); every layer a MoE of 512 experts
        /// of 3 x 4,096 x 1,024, router, a shared expert of 1,024 and its gate (6,457,135,104) and two norms: text
        /// 396,346,350,336. The vision tower projects to 4,096: 456,010,480. 396.8B against the card's 397B.
        /// </summary>
        [Fact]
        public void Qwen35_397b_a17b_counts_its_shapes()
        {
            var a = Of("Qwen/Qwen3.5-397B-A17B");
            long vision = a.Embedding.Where(t => t.Role == TensorRole.Vision).Sum(t => t.Parameters);
            Assert.Equal(456_010_480L, vision);
            Assert.Equal(396_802_360_816L, a.TotalParameters);
            Assert.Equal(60, a.LayerCount);
            Assert.Equal(15, a.Layers.Count(l => l.Kv.Kind == AttentionKind.Gqa));
            Assert.Equal(512L, a.Moe!.RoutedExperts);
            Assert.Equal(10L, a.Moe.ExpertsPerToken);
        }

        /// <summary>
        /// Qwen3.5-122B-A10B, counted by hand: untied 248,320 x 3,072 embeddings and head (1,525,678,080), the final norm; 12
        /// gated full-attention layers of 78,643,712 and 36 Gated DeltaNet layers of 88,523,008, each with a MoE of 256 experts
        /// of 3 x 3,072 x 1,024, router, shared expert and gate (2,426,145,792) and two norms: text 122,111,526,912; the vision
        /// tower projecting to 3,072: 451,290,864. 122.56B against the card's 122B.
        /// </summary>
        [Fact]
        public void Qwen35_122b_a10b_counts_its_shapes()
        {
            var a = Of("Qwen/Qwen3.5-122B-A10B");
            long vision = a.Embedding.Where(t => t.Role == TensorRole.Vision).Sum(t => t.Parameters);
            Assert.Equal(451_290_864L, vision);
            Assert.Equal(122_562_817_776L, a.TotalParameters);
            Assert.Equal(12, a.Layers.Count(l => l.Kv.Kind == AttentionKind.Gqa));
        }

        /// <summary>
        /// Qwen3.6-27B (config.json at revision 6a9e13bd), counted by hand: 248,320 x 5,120 embeddings and an untied head
        /// (2,542,796,800), the final norm; 16 gated full-attention layers of 104,858,112 (q with its output gate 12,288 x 5,120,
        /// k and v 1,024 x 5,120, o 5,120 x 6,144, q/k norms) and 48 Gated DeltaNet layers of 115,876,064 (in_proj_qkvz
        /// 16,384 x 5,120, in_proj_ba 96 x 5,120, conv 10,240 x 4, dt_bias, A_log, gated norm 128, out_proj 5,120 x 6,144), each
        /// with a 3 x 5,120 x 17,408 MLP and two norms: text 26,895,998,464. The vision tower is the 35B-A3B's with a merger
        /// projecting to 5,120: 460,730,096. What vLLM loads: 27,356,728,560.
        /// </summary>
        [Fact]
        public void Qwen36_27b_counts_its_shapes()
        {
            var a = Of("Qwen/Qwen3.6-27B");
            long vision = a.Embedding.Where(t => t.Role == TensorRole.Vision).Sum(t => t.Parameters);
            Assert.Equal(460_730_096L, vision);
            Assert.Equal(27_356_728_560L, a.TotalParameters);
            Assert.Equal(64, a.LayerCount);
            Assert.Equal(16, a.Layers.Count(l => l.Kv.Kind == AttentionKind.Gqa));
            Assert.Null(a.Moe);
            Assert.Equal(a.TotalParameters, Of("Qwen/Qwen3.8-27B").TotalParameters); // same shapes, a later release
            Assert.Equal(a.TotalParameters, Of("Qwen/Qwen3.5-27B").TotalParameters);
        }

        /// <summary>
        /// Qwen3-Next-80B-A3B from its shapes: 48 layers (36 Gated DeltaNet, 12 gated attention), 512 experts of 512, a
        /// shared expert, untied 151,936-row embeddings: 79,674,391,296 served parameters, plus a 1,650,471,424-parameter
        /// MTP layer the checkpoint stores (the "80B" of the model card).
        /// </summary>
        [Fact]
        public void Qwen3_next_80b_counts_its_shapes()
        {
            var a = Of("Qwen/Qwen3-Next-80B-A3B-Instruct");
            Assert.Equal(79_674_391_296L, a.TotalParameters);
            Assert.Equal(1_650_471_424L, a.NextTokenPredictors.Sum(t => t.Parameters));
            Assert.Equal(12, a.Layers.Count(l => l.Kv.Kind == AttentionKind.Gqa));
            Assert.Equal(77_309_411_328L, a.RoutedExpertParameters);
        }

        /// <summary>
        /// The recurrent state per request on one GPU (vLLM MambaSpec page before padding): conv window 3 x conv_dim 8,192 in
        /// bf16 = 49,152 bytes, plus 32 value heads x 128 x 128 in the SSM dtype: float32 for Qwen3.5/3.6 (mamba_ssm_dtype),
        /// bf16 for Qwen3-Next; TP 2 halves both.
        /// </summary>
        [Theory]
        [InlineData("Qwen/Qwen3.6-35B-A3B", 1, 2_146_304L)]
        [InlineData("Qwen/Qwen3.6-35B-A3B", 2, 1_073_152L)]
        [InlineData("Qwen/Qwen3-Next-80B-A3B-Instruct", 1, 1_097_728L)]
        public void Recurrent_state_bytes_follow_the_state_shapes(string id, int tp, long bytes)
        {
            var state = Of(id).Layers[0].Kv.Recurrent!;
            Assert.Equal(bytes, state.BytesPerGpu(tp, 2));
        }
    

        private static Plans.DeploymentPlan Plan(string version, int maxModelLen, string extra = "") =>
            Assert.Single(Linter.Lint(Lint.Header + "model: { id: Qwen/Qwen3.6-35B-A3B }\nhardware: { gpu: H100-SXM-80GB }\n" +
                $"serving: {{ engine: vllm, engineVersion: \"{version}\", maxModelLen: {maxModelLen}{extra} }}\n", "p.deploy.yaml").Deployments).Plan!;

        /// <summary>
        /// noonghunna/club-3090#323 (vLLM 0.22.0, one RTX 3090, Qwen3.6-35B-A3B): "KV 0.78 GiB / 31,129 tokens". The state page
        /// (2,146,304 bytes, float32 SSM state) makes vLLM align the attention block to 16 x cdiv(2,146,304, 16 x 2,048) = 1,056
        /// tokens; 4 groups of 10 layers share 2,162,688-byte pages, so 0.78 GiB holds 38 blocks; a request of 24,576 tokens
        /// takes 24 attention blocks + 3 state groups x 2, and 38 / 30 x 24,576 = 31,129.6: the log's count at a 24k context.
        /// </summary>
        [Fact]
        public void The_pool_reproduces_the_logged_token_count_of_a_qwen36_start_up()
        {
            var plan = Plan("0.22.0", 24_576);
            var pool = Estimation.VllmRecurrentPool.Of(plan, 0, 40)!;
            Assert.Equal(1056, pool.BlockSize);
            Assert.Equal(2_162_688L, pool.PageBytes);
            Assert.Equal((1, 3, 10), (pool.AttentionGroups, pool.StateGroups, pool.LayersPerGroup));
            long budget = (long)(0.78 * (1L << 30));
            Assert.Equal(38, pool.Blocks(budget));
            Assert.Equal(30, pool.BlocksPerRequest(24_576));
            Assert.Equal(31_129, pool.ReportedTokens(plan, budget));
        }

        /// <summary>
        /// noonghunna/club-3090#594 (vLLM 0.24.0, 2 x RTX 3090, Qwen3.6-27B FP8, FP8 KV, max_model_len 262,144, max_num_seqs 2,
        /// MTP with 3 speculative tokens as every club-3090 compose sets it): "Available KV cache memory: 5.33 GiB", "GPU KV cache
        /// size: 300,220 tokens", "Maximum concurrency for 262,144 tokens per request: 1.15x". The FP8 page makes the block
        /// 16 x cdiv(1,603,584, 16 x 1,024) = 1,568 tokens; the MTP layer joins the 16 attention layers, so 5.33 GiB holds 209
        /// blocks of 17 x 1,605,632 bytes; a request takes 168 attention blocks + 3 state groups x (2 + 3 speculative) = 183,
        /// and 209 / 183 x 262,144 = 299,388 (-0.28%). Without the speculative blocks: 314,868 (+4.9%).
        /// </summary>
        [Fact]
        public void Speculative_tokens_add_state_blocks_per_request()
        {
            var plan = Assert.Single(Linter.Lint(Lint.Header + "model: { id: Qwen/Qwen3.6-27B-FP8, kvCache: fp8 }\nhardware: { gpu: RTX-3090-24GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\n" +
                "serving: { engine: vllm, engineVersion: \"0.24.0\", maxModelLen: 262144, maxConcurrentSequences: 2, speculativeMethod: mtp, speculativeTokens: 3 }\n", "p.deploy.yaml").Deployments).Plan!;
            var pool = Estimation.VllmRecurrentPool.Of(plan, 0, 64, plan.MtpDraftLayers)!;
            Assert.Equal(1568, pool.BlockSize);
            Assert.Equal((1, 3, 17), (pool.AttentionGroups, pool.StateGroups, pool.LayersPerGroup));
            Assert.Equal(5, pool.StateBlocksPerRequest);
            long budget = (long)(5.33 * (1L << 30));
            Assert.Equal(209, pool.Blocks(budget));
            Assert.Equal(183, pool.BlocksPerRequest(262_144));
            Assert.Equal(299_388, pool.ReportedTokens(plan, budget));
            Assert.InRange(pool.ReportedTokens(plan, budget) / 300_220.0 - 1, -0.005, 0.0);
        }

        /// <summary>
        /// vLLM 0.20.1 with the same MTP setup did neither: club-3090#104 (2 x RTX 3090, Qwen3.6-27B AutoRound INT4,
        /// fp8_e5m2 KV, 262,144, max_num_seqs 2, MTP 3) logged 9.84 GiB and 619,202 tokens (2.36x), and club-3090#91
        /// ("V1 LLM engine (v0.20.1)", the same compose) 619,479. 16-layer groups and 2 state blocks a request give
        /// 411 / 174 x 262,144 = 619,202, the logged count; 17-layer groups with speculative blocks would give 554,322.
        /// </summary>
        [Fact]
        public void Vllm_0_20_1_keeps_mtp_out_of_the_hybrid_groups()
        {
            var plan = Assert.Single(Linter.Lint(Lint.Header + "model: { id: Qwen/Qwen3.6-27B, weights: int4-gptq, kvCache: fp8-e5m2 }\nhardware: { gpu: RTX-3090-24GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\n" +
                "serving: { engine: vllm, engineVersion: \"0.20.1\", maxModelLen: 262144, maxConcurrentSequences: 2, speculativeMethod: mtp, speculativeTokens: 3 }\n", "p.deploy.yaml").Deployments).Plan!;
            var pool = Estimation.VllmRecurrentPool.Of(plan, 0, 64, plan.MtpDraftLayers)!;
            Assert.Equal((1, 3, 16), (pool.AttentionGroups, pool.StateGroups, pool.LayersPerGroup));
            Assert.Equal(2, pool.StateBlocksPerRequest);
            long budget = (long)(9.84 * (1L << 30));
            Assert.Equal(411, pool.Blocks(budget));
            Assert.Equal(619_202, pool.ReportedTokens(plan, budget)); // the logged count, exactly
        }

        [Fact]
        public void Before_0_20_1_the_count_is_blocks_per_group_times_the_block()
        {
            var plan = Plan("0.19.0", 24_576);
            var pool = Estimation.VllmRecurrentPool.Of(plan, 0, 40)!;
            Assert.Equal(38 / 4 * 1056, pool.ReportedTokens(plan, (long)(0.78 * (1L << 30))));
        }

        /// <summary>FP8 KV halves the attention page, so the block grows to 16 x cdiv(2,146,304, 16 x 1,024) = 2,096; TP 2 halves both pages.</summary>
        [Fact]
        public void The_block_follows_the_kv_format_and_tensor_parallelism()
        {
            var fp8 = Assert.Single(Linter.Lint(Lint.Header + "model: { id: Qwen/Qwen3.6-35B-A3B, kvCache: fp8-e4m3 }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: vllm, maxModelLen: 8192 }\n", "p.deploy.yaml").Deployments).Memory!;
            Assert.Equal(2096, fp8.BindingStage.RecurrentPool!.BlockSize);
            var tp2 = Assert.Single(Linter.Lint(Lint.Header + "model: { id: Qwen/Qwen3.6-35B-A3B }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\nserving: { engine: vllm, maxModelLen: 8192 }\n", "p.deploy.yaml").Deployments).Memory!;
            Assert.Equal(1056, tp2.BindingStage.RecurrentPool!.BlockSize);
            Assert.Equal(1_081_344L, tp2.BindingStage.RecurrentPool.PageBytes);
        }
    }
}

namespace DeployLint.Core.Tests
{
    public class SglangRecurrentPoolTests
    {
        /// <summary>
        /// SGLang's model_runner.handle_max_mamba_cache gives the state pool mamba_full_memory_ratio / (1 + ratio) of what the
        /// weights leave (server_args default 0.9, radix cache on), so the KV pool is that rest / 1.9; a dense model keeps it all.
        /// </summary>
        [Fact]
        public void The_state_pool_takes_its_share_before_the_kv_pool()
        {
            var d = Assert.Single(Linter.Lint(Lint.Header + "model: { id: Qwen/Qwen3-Next-80B-A3B-Instruct }\nhardware: { gpu: H200-SXM-141GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\nserving: { engine: sglang, maxModelLen: 32768 }\n", "p.deploy.yaml").Deployments);
            var m = d.Memory!;
            long rest = m.BudgetBytes - m.BindingStage.WeightsBytes;
            Assert.Equal((long)(rest / 1.9), m.BindingStage.KvBudgetBytes);
            Assert.Equal(12_288, m.BindingStage.KvBytesPerToken); // 12 attention layers x K and V of 1 KV head x 256 x 2 bytes at TP 2
        }
    }
}

namespace DeployLint.Core.Tests
{
    /// <summary>GLM-4.5 family and MiniMax-M2: MoE decoders of 2025-2026 counted from their shapes, against their model cards.</summary>
    public class MoeFamilies2026Tests
    {
        private static Models.Architecture Of(string id)
        {
            var catalog = Catalog.HardwareCatalog.BuiltIn;
            return catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!;
        }

        [Theory]
        [InlineData("zai-org/GLM-4.5-Air", 106_852_251_264L, 106e9)]   // model card: 106B total
        [InlineData("zai-org/GLM-4.5", 352_797_829_024L, 355e9)]                 // model card: 355B total
        [InlineData("MiniMaxAI/MiniMax-M2", 228_689_764_864L, 230e9)] // model card: 230B total (the Hub shows 229B)
        [InlineData("Qwen/Qwen3-Coder-480B-A35B-Instruct", 480_154_875_392L, 480e9)] // model card: 480B total
        [InlineData("moonshotai/Kimi-K2-Instruct", 1_026_408_209_408L, 1.0264e12)] // the checkpoint's numel sum, as the Kimi K2 test derives it
        public void Counts_match_the_model_cards(string id, long exact, double card)
        {
            long total = Of(id).TotalParameters;
            if (exact != 0) Assert.Equal(exact, total);
            Assert.InRange(total / card, 0.99, 1.01);
        }

        /// <summary>The 2507 releases keep their base's tensors with a native 262,144-token context: the default maxModelLen.</summary>
        [Theory]
        [InlineData("Qwen/Qwen3-30B-A3B-Instruct-2507", "Qwen/Qwen3-30B-A3B")]
        [InlineData("Qwen/Qwen3-Coder-30B-A3B-Instruct", "Qwen/Qwen3-30B-A3B")]
        [InlineData("Qwen/Qwen3-235B-A22B-Instruct-2507", "Qwen/Qwen3-235B-A22B")]
        [InlineData("Qwen/Qwen3-4B-Instruct-2507", "Qwen/Qwen3-4B")]
        public void The_2507_releases_keep_their_base_tensors_with_a_longer_context(string id, string baseId)
        {
            var a = Of(id);
            Assert.Equal(Of(baseId).TotalParameters, a.TotalParameters);
            Assert.Equal(262_144, a.DerivedMaxModelLen);
        }

        /// <summary>
        /// The longest request DPL1003 offers is what the blocks hold after every state group's two blocks, not the logged
        /// "GPU KV cache size" (max concurrency x max_model_len): Qwen3.6-35B-A3B AWQ on an RTX 3090 at gmu 0.95 has 51
        /// blocks; 3 state groups x 2 leave 45 attention blocks of 1,056 tokens.
        /// </summary>
        [Fact]
        public void The_longest_request_leaves_the_state_blocks_their_share()
        {
            var result = Lint.Text(Lint.Header + "model: { id: Qwen/Qwen3.6-35B-A3B, weights: int4-awq }\nhardware: { gpu: RTX-3090-24GB }\n" +
                                   "serving: { engine: vllm@0.22.0, gpuMemoryUtilization: 0.95, maxModelLen: 262144 }\n");
            var m = result.Deployments[0].Memory!;
            var pool = m.BindingStage.RecurrentPool!;
            long blocks = pool.Blocks(m.KvBudgetBytes);
            Assert.Equal((blocks - 3 * 2) * 1_056, m.LongestRequestInKvCache);
            Assert.True(pool.BytesPerRequest(m.LongestRequestInKvCache) <= m.KvBudgetBytes);
            Assert.True(pool.BytesPerRequest(m.LongestRequestInKvCache + 1) > m.KvBudgetBytes);
            var error = Assert.Single(result.Diagnostics, d => d.Id == "DPL1003");
            Assert.Contains($"Set maxModelLen to at most {m.LongestRequestInKvCache:N0}", error.Message);
        }
    }
}
