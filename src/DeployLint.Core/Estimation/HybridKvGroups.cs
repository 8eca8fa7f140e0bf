using System;
using System.Collections.Generic;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// vLLM V1's hybrid KV cache manager (kv_cache_utils._get_kv_cache_groups_uniform_page_size): when a model mixes
    /// attention types (sliding-window and full layers, as Gemma 2/3 and gpt-oss do; chunked-local and full, as Llama 4 does), layers are bucketed by type, each
    /// bucket is split into groups of one common size (the smallest bucket, or the largest when the buckets are within
    /// 1.5x of each other) and the last group of a bucket is padded with placeholder layers. Every group gets the same
    /// number of blocks from one pool per group position, so a token costs page bytes x group size x number of groups:
    /// Gemma-3-4B's 29 sliding + 5 full layers cost 7 groups x 5 = 35 layers ("Add 1 padding layers").
    /// Where the types' pages differ (Gemma 4's full layers: half the KV heads at twice the head size), vLLM first
    /// multiplies the block size of the smaller pages until every page is the largest (unify_kv_cache_spec_page_size).
    /// </summary>
    public static class HybridKvGroups
    {
        /// <summary>
        /// The grouping vLLM V1 chooses for the stage's layers, or null for other engines, one attention type, or
        /// page sizes that do not divide the largest (which vLLM refuses to unify).
        /// </summary>
        public static Grouping? Of(DeploymentPlan plan, int firstLayer, int layerCount)
        {
            if (plan.Engine != ServingEngine.Vllm || plan.VllmV0 || plan.Architecture.HasRecurrentState) return null;
            var layers = plan.Architecture.Layers;
            if (layers.Count == 0 || OneAttentionType(layers, plan.Tensor)) return null;
            var buckets = new List<(long Window, long Chunk, long Elements, List<int> Layers)>();
            for (int i = 0; i < layers.Count; i++)
            {
                var kv = layers[i].Kv;
                // A KV-shared layer or a block without attention has no cache spec, so it joins no group.
                if (!kv.HasOwnKvCache) continue;
                long elements = kv.ElementsPerTokenPerGpu(plan.Tensor);
                int found = -1;
                for (int b = 0; b < buckets.Count && found < 0; b++)
                {
                    if (buckets[b].Window == kv.SlidingWindow && buckets[b].Chunk == kv.AttentionChunk && buckets[b].Elements == elements) found = b;
                }
                if (found < 0)
                {
                    buckets.Add((kv.SlidingWindow, kv.AttentionChunk, elements, new List<int>()));
                    found = buckets.Count - 1;
                }
                buckets[found].Layers.Add(i);
            }
            if (buckets.Count < 2) return null;
            long pageElements = 0;
            foreach (var b in buckets) pageElements = Math.Max(pageElements, b.Elements);
            int min = int.MaxValue, max = 0;
            foreach (var b in buckets)
            {
                if (b.Elements <= 0 || pageElements % b.Elements != 0) return null;
                min = Math.Min(min, b.Layers.Count);
                max = Math.Max(max, b.Layers.Count);
            }
            int groupSize = max < min * 1.5 ? max : min;
            int groups = 0;
            int largestOnStage = 0;
            int padding = 0;
            var windows = new List<(long Window, long Chunk, int Groups, long BlockRatio)>();
            int last = firstLayer + layerCount;
            foreach (var b in buckets)
            {
                int bucketGroups = (b.Layers.Count + groupSize - 1) / groupSize;
                groups += bucketGroups;
                windows.Add((b.Window, b.Chunk, bucketGroups, pageElements / b.Elements));
                padding += bucketGroups * groupSize - b.Layers.Count;
                // Group g holds the bucket's layers g, g + bucketGroups, ... (layers[i::num_groups]).
                for (int g = 0; g < bucketGroups; g++)
                {
                    int onStage = 0;
                    for (int k = g; k < b.Layers.Count; k += bucketGroups)
                    {
                        if (b.Layers[k] >= firstLayer && b.Layers[k] < last) onStage++;
                    }
                    largestOnStage = Math.Max(largestOnStage, onStage);
                }
            }
            return new Grouping(buckets.Count, groups, largestOnStage, padding, pageElements, windows);
        }

        /// <summary>Most models: every layer has the same window and KV width (checked without allocating).</summary>
        private static bool OneAttentionType(IReadOnlyList<Models.DecoderLayer> layers, long tensorParallel)
        {
            var first = layers[0].Kv;
            long elements = first.ElementsPerTokenPerGpu(tensorParallel);
            for (int i = 1; i < layers.Count; i++)
            {
                var kv = layers[i].Kv;
                if (!ReferenceEquals(kv, first) && kv.HasOwnKvCache && (kv.SlidingWindow != first.SlidingWindow || kv.AttentionChunk != first.AttentionChunk || kv.ElementsPerTokenPerGpu(tensorParallel) != elements)) return false;
            }
            return true;
        }

        public sealed class Grouping
        {
            public Grouping(int attentionTypes, int groups, int layersPerGroup, int paddingLayers, long pageElements, IReadOnlyList<(long Window, long Chunk, int Groups, long BlockRatio)> groupsByWindow)
            {
                GroupsByWindow = groupsByWindow;
                AttentionTypes = attentionTypes;
                Groups = groups;
                LayersPerGroup = layersPerGroup;
                PaddingLayers = paddingLayers;
                PageElements = pageElements;
            }

            public int AttentionTypes { get; }
            public int Groups { get; }

            /// <summary>Layers of the largest group on this pipeline stage: the pools each group's blocks come from.</summary>
            public int LayersPerGroup { get; }
            public int PaddingLayers { get; }

            /// <summary>
            /// vLLM's "GPU KV cache size" for the budget. Since 0.20.1 it is max concurrency x max_model_len
            /// (kv_cache_utils._report_kv_cache_config, as vllm#51041 quotes it): num_blocks over the blocks one max-length
            /// request takes from the pool (get_max_concurrency_for_kv_cache_config). Gemma 4 31B at the same ~50 GiB went
            /// from ~55k tokens on 0.20.0 to ~525k on 0.21.0 (vllm#43308). Before, num_blocks // groups x block size.
            /// </summary>
            public long ReportedTokens(DeploymentPlan plan, long budgetBytes, long poolBytesPerMaxLenRequest)
            {
                long block = Math.Max(1, plan.BlockSize);
                long memoryPerBlock = block * PageElements * Formats.KvBytes(plan.KvCacheFormat) * LayersPerGroup;
                if (budgetBytes <= 0 || memoryPerBlock <= 0) return 0;
                long blocks = budgetBytes / memoryPerBlock;
                if (PlanResolver.VersionBelow(plan.EngineVersion, 0, 20, 1)) return blocks / Groups * block;
                long perRequest = WeightSharding.CeilDiv(poolBytesPerMaxLenRequest, memoryPerBlock);
                return perRequest <= 0 ? 0 : (long)Math.Floor((double)blocks / perRequest * plan.MaxModelLen);
            }

            /// <summary>KV elements per token of one layer on one GPU, of the layers with the largest page (every page is that size).</summary>
            public long PageElements { get; }

            /// <summary>
            /// Groups per attention type (sliding window or attention chunk in tokens, both 0 for full attention), and how
            /// many times the engine's block size that type's blocks hold (1 unless its page was enlarged to the largest).
            /// </summary>
            public IReadOnlyList<(long Window, long Chunk, int Groups, long BlockRatio)> GroupsByWindow { get; }
        }
    }
}
