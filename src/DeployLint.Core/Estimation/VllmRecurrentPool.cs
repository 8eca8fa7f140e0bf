using System;
using DeployLint.Models;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// vLLM V1's KV pool for models with recurrent (Mamba / Gated DeltaNet) layers beside attention layers:
    /// - Platform._align_hybrid_block_size raises the attention block size to 16 x cdiv(state page, 16 x attention bytes
    ///   per token), so one attention page holds at least one request's state, and pads the state page to it;
    /// - kv_cache_utils groups the page-equal layers (attention and state buckets cut into groups of the smaller bucket's
    ///   size, or the larger when within 1.5x), one tensor per group position, num_blocks = memory / (page x group size);
    /// - a request takes cdiv(max_model_len, block) blocks in each attention group and, in each state group, 2 blocks
    ///   under the default mamba_cache_mode 'align' (prefix caching on) or 1 with it off, plus one per speculative token
    ///   (MambaSpec.max_memory_usage_bytes, num_speculative_blocks);
    /// - "GPU KV cache size" is max concurrency x max_model_len in recent releases (0.22: Qwen3.6-35B-A3B on an RTX 3090 at
    ///   max_model_len 24,576 logged 31,129 = 38 blocks / 30 per request x 24,576; 0.20.1 already did), num_blocks // groups
    ///   x block before.
    /// </summary>
    public sealed class VllmRecurrentPool
    {
        private VllmRecurrentPool(int blockSize, long pageBytes, int layersPerGroup, int attentionGroups, int stateGroups, int stateBlocksPerRequest, long statePageBytes)
        {
            BlockSize = blockSize;
            PageBytes = pageBytes;
            LayersPerGroup = layersPerGroup;
            AttentionGroups = attentionGroups;
            StateGroups = stateGroups;
            StateBlocksPerRequest = stateBlocksPerRequest;
            StatePageBytes = statePageBytes;
        }

        /// <summary>Attention block size in tokens after alignment with the state page.</summary>
        public int BlockSize { get; }

        /// <summary>Bytes of one block of one layer (the attention page; the state page padded to it).</summary>
        public long PageBytes { get; }

        /// <summary>A request's recurrent state on one GPU before padding.</summary>
        public long StatePageBytes { get; }
        public int LayersPerGroup { get; }
        public int AttentionGroups { get; }
        public int StateGroups { get; }
        public int Groups => AttentionGroups + StateGroups;
        public int StateBlocksPerRequest { get; }

        /// <summary>The pool for the stage's layers, or null when the engine is not vLLM V1 or the stage has no recurrent layer.</summary>
        public static VllmRecurrentPool? Of(DeploymentPlan plan, int firstLayer, int layerCount, int draftAttentionLayers = 0)
        {
            if (plan.Engine != ServingEngine.Vllm || plan.VllmV0 || !plan.Architecture.HasRecurrentState) return null;
            int attention = 0, recurrent = 0;
            long attentionBytesPerToken = 0;
            RecurrentState? state = null;
            for (int i = firstLayer; i < firstLayer + layerCount; i++)
            {
                var kv = plan.Architecture.Layers[i].Kv;
                if (kv.Kind == AttentionKind.Recurrent)
                {
                    recurrent++;
                    state = kv.Recurrent;
                }
                else if (kv.HasOwnKvCache)
                {
                    // Blocks without attention (Nemotron-H's MLP and MoE) get no cache spec in vLLM.
                    attention++;
                    attentionBytesPerToken = kv.BytesPerTokenPerGpu(plan.Tensor, Formats.KvBytes(plan.KvCacheFormat));
                }
            }
            if (state == null || attention == 0 || attentionBytesPerToken <= 0) return null;
            // MTP draft layers are full-attention layers in the same pool: Qwen3.6-27B with its MTP layer groups 17 attention
            // layers and pads the 48 state layers to 3 x 17 ("Add 3 padding layers", club-3090 logs).
            // Not yet in 0.20.1, whose MTP starts fit 16-layer groups and 2 state blocks exactly (club-3090#91 / #104).
            bool draftInPool = !PlanResolver.VersionBelow(plan.EngineVersion, 0, 21, 0);
            if (draftInPool) attention += Math.Max(0, draftAttentionLayers);
            long statePage = state.BytesPerGpu(plan.Tensor, Formats.FloatBytes(plan.ActivationFormat));
            const int alignment = 16;
            long aligned = alignment * WeightSharding.CeilDiv(statePage, alignment * attentionBytesPerToken);
            int block = (int)Math.Max(aligned, plan.BlockSize);
            int groupSize = Math.Max(attention, recurrent) < Math.Min(attention, recurrent) * 1.5 ? Math.Max(attention, recurrent) : Math.Min(attention, recurrent);
            int attentionGroups = (attention + groupSize - 1) / groupSize;
            int stateGroups = (recurrent + groupSize - 1) / groupSize;
            // MambaSpec.max_memory_usage_bytes under 'align': 2 blocks, plus one per speculative token (num_speculative_blocks).
            int stateBlocks = 2 + (draftInPool ? Math.Max(0, plan.SpeculativeTokens) : 0);
            return new VllmRecurrentPool(block, block * attentionBytesPerToken, groupSize, attentionGroups, stateGroups, stateBlocks, statePage);
        }

        /// <summary>Blocks of the pool: memory / (page x layers per group).</summary>
        public long Blocks(long budgetBytes) => budgetBytes <= 0 ? 0 : budgetBytes / (PageBytes * LayersPerGroup);

        /// <summary>Blocks one request of <paramref name="tokens"/> tokens takes over all groups.</summary>
        public long BlocksPerRequest(long tokens) => AttentionGroups * WeightSharding.CeilDiv(tokens, BlockSize) + StateGroups * StateBlocksPerRequest;

        /// <summary>The longest request the blocks hold: its state blocks in every state group, the rest split over the attention groups.</summary>
        public long LongestRequest(long budgetBytes)
        {
            long free = Blocks(budgetBytes) - (long)StateGroups * StateBlocksPerRequest;
            return free <= 0 || AttentionGroups <= 0 ? 0 : free / AttentionGroups * BlockSize;
        }

        /// <summary>Bytes one request of <paramref name="tokens"/> tokens takes from the pool (what vLLM's start-up check compares).</summary>
        public long BytesPerRequest(long tokens) => BlocksPerRequest(tokens) * PageBytes * LayersPerGroup;

        /// <summary>vLLM's "GPU KV cache size" for the budget, as the version reports it.</summary>
        public long ReportedTokens(DeploymentPlan plan, long budgetBytes)
        {
            long blocks = Blocks(budgetBytes);
            // 0.20.1 already reports max concurrency x max_model_len (club-3090#91: "V1 LLM engine (v0.20.1)", 619,479 tokens
            // at 2.36x of 262,144); 0.19 reported whole blocks per group.
            if (PlanResolver.VersionBelow(plan.EngineVersion, 0, 20, 1)) return blocks / Groups * BlockSize;
            long perRequest = BlocksPerRequest(plan.MaxModelLen);
            return perRequest <= 0 ? 0 : (long)Math.Floor((double)blocks / perRequest * plan.MaxModelLen);
        }
    }
}
