using System.Collections.Generic;
using DeployLint.Models;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// The memory budget written the way the serving engine logs it at start-up, line by line, each with how DeployLint
    /// got the number, so it can be held next to the real log ("Model loading took ...", "Available KV cache memory ...").
    /// </summary>
    public static class BudgetExplanation
    {
        public static IReadOnlyList<string> For(DeploymentPlan plan, MemoryEstimate memory)
        {
            var s = memory.BindingStage;
            var lines = new List<string>();
            string stage = plan.Pipeline > 1 ? $" (pipeline stage {s.Stage}: layers {s.FirstLayer}-{s.FirstLayer + s.LayerCount - 1}, the stage with the fewest KV tokens)" : "";
            lines.Add($"{plan.Name}: {plan.EngineDescription}{(plan.VllmV0 ? " (V0 engine)" : "")} on one {plan.Gpu.Id}{stage}");
            var (payload, scales, unquantized) = WeightParts(plan, s);
            long rotary = MemoryEstimator.RotaryCacheBytes(plan);
            string engine = plan.Engine == ServingEngine.Sglang ? "Load weight end ... mem usage" : "Model loading took";
            lines.Add($"  {engine} {Units.GiB(s.WeightsBytes)}");
            if (plan.Quantization.IsQuantized)
            {
                lines.Add($"      {plan.Quantization.Describe()}: {Units.GiB(payload)} quantized payload + {Units.GiB(scales)} scales, {Units.GiB(unquantized)} kept in {plan.ActivationFormat} (embeddings, lm_head, norms, routers, ignored modules)");
            }
            else
            {
                lines.Add($"      {plan.Architecture.TotalParameters:N0} parameters of {plan.ModelId} in {plan.WeightsFormat}, sharded TP {plan.Tensor} x PP {plan.Pipeline}" + (plan.Expert > 1 ? $", experts over EP {plan.Expert}" : "") +
                          (plan.Architecture.Approximation != null && plan.CheckpointBytes is long total ? $"; approximate architecture, scaled to the checkpoint's safetensors index (total_size {Units.GiB(total)})" : ""));
            }
            if (plan.Architecture.NextTokenPredictors.Count > 0 && s.Stage == plan.Pipeline - 1)
            {
                long mtp = 0;
                foreach (var t in plan.Architecture.NextTokenPredictors) mtp += WeightSharding.BytesPerGpu(t, plan);
                if (plan.MtpDraftLayers > 0)
                {
                    lines.Add($"      + MTP draft model for speculative decoding ({plan.SpeculativeTokens} token(s) per step): {plan.MtpDraftLayers} layer(s), {Units.GiB(MemoryEstimator.MtpDraftWeights(plan))} (embedding and head shared with the target), and its KV cache in the same pool");
                }
                else
                {
                    lines.Add($"      not counted: the checkpoint's multi-token-prediction layer, {Units.GiB(mtp)} at this sharding, loaded only as the draft model of MTP speculative decoding");
                }
            }
            string caches = plan.Architecture.RotaryCaches is string split ? $": {split}" : "";
            if (rotary > 0) lines.Add($"      + rotary cos/sin cache {Units.GiB(rotary)} ({plan.Architecture.RotaryPositions:N0} positions{caches} x {plan.Architecture.RotaryDim} x {Formats.FloatBytes(plan.ActivationFormat)} bytes)");
            if (plan.Engine != ServingEngine.Sglang)
            {
                lines.Add($"  torch peak memory increase during profiling: {Units.GiB(s.ActivationBytes)}");
                lines.Add($"      profile run of {plan.MaxBatchedTokens:N0} batched tokens: hidden state + residual, the largest layer's intermediates" +
                          (s.Stage != memory.Stages.Count - 1 ? "" : MemoryEstimator.TrtllmProfilesPyTorch(plan)
                              ? $", and the sampler over its {MemoryEstimator.TrtllmProfileRequests(plan):N0} dummy requests of min(max_num_tokens, max_seq_len) tokens x {plan.Architecture.VocabSize:N0} vocab"
                              : $", and the sampler over min(max_num_seqs, tokens) = {System.Math.Min(plan.MaxConcurrentSequences, plan.MaxBatchedTokens):N0} rows x {plan.Architecture.VocabSize:N0} vocab"));
                lines.Add($"  non-torch memory increase: {Units.GiB(s.OverheadBytes)}");
                lines.Add("      cuBLAS/cuDNN workspaces" + (plan.Tensor > 1 ? ", NCCL and custom all-reduce buffers" : "") +
                          (plan.Tensor > 1 && MemoryEstimator.HasNvls(plan) ? ", NCCL NVLS buffers (NVSwitch)" : "") +
                          " (calibrated on vLLM 0.19 start-up logs, H100)" +
                          (MemoryEstimator.TrtllmProfilesPyTorch(plan) ? $"; TensorRT-LLM's generation CUDA graphs up to batch {MemoryEstimator.TrtllmGraphBatch(plan):N0}: {Units.GiB(MemoryEstimator.TrtllmGraphPoolBytes(plan))} of float32 logits" : ""));
            }
            if (plan.Engine == ServingEngine.Vllm && !plan.VllmV0 && !PlanResolver.VersionBelow(plan.EngineVersion, 0, 21, 0))
            {
                string? none = VllmCudaGraphs.NoReserveReason(plan);
                if (none == null)
                {
                    var (piecewise, full) = VllmCudaGraphs.GraphCounts(plan);
                    double equivalent = plan.GpuMemoryUtilization - (double)s.CudaGraphReserveBytes / memory.CapacityBytes;
                    lines.Add($"  Estimated CUDA graph memory: {Units.GiB(s.CudaGraphReserveBytes)} total");
                    lines.Add($"      PIECEWISE={piecewise}, FULL={full} graphs of {s.LayerCount} layers" + (VllmCudaGraphs.UsesModelRunnerV2(plan) ? " (Model Runner V2)" : "") +
                              $"; shared first capture + (PIECEWISE - 1) x the marginal of one graph of {s.LayerCount + 1} pieces; --gpu-memory-utilization={Units.Number(plan.GpuMemoryUtilization, "0.0000")} is equivalent to {Units.Number(equivalent, "0.0000")} without CUDA graph memory profiling");
                }
                else
                {
                    lines.Add($"  Estimated CUDA graph memory: none subtracted ({none})");
                }
            }
            if (plan.Engine == ServingEngine.Sglang && plan.Architecture.HasRecurrentState)
            {
                lines.Add($"  Mamba state pool: {Units.GiB((long)(s.KvBudgetBytes * MemoryEstimator.SglangMambaFullMemoryRatio))} (mamba_full_memory_ratio {Units.Number(MemoryEstimator.SglangMambaFullMemoryRatio)} of the KV pool, taken first by handle_max_mamba_cache)");
            }
            long allocated = s.SwaPool?.AllocatedBytes ?? s.MaxTokens * s.KvBytesPerToken;
            if (s.SwaPool is SglangSwaPool swa)
            {
                lines.Add($"  Use sliding window memory pool. full_layer_tokens={swa.FullTokens}, swa_layer_tokens={swa.SwaTokens}");
                lines.Add($"      set_num_tokens_hybrid_swa: the uniform {Units.Count(swa.UniformTokens)} tokens' bytes split so the sliding-window layers ({swa.SwaBytesPerToken:N0} bytes per token) " +
                          $"hold swa_full_tokens_ratio {Units.Number(swa.Ratio)} as many tokens as the full-attention layers ({swa.FullBytesPerToken:N0} bytes per token)");
            }
            switch (plan.Engine)
            {
                case ServingEngine.Sglang:
                    // SGLang's log vocabulary: its "GB" is GiB (get_available_gpu_memory divides by 1 << 30).
                    lines.Add($"  KV Cache is allocated. #tokens: {s.MaxTokens}, " + (plan.Architecture.FirstAttentionLayout?.Kind == AttentionKind.Mla
                        ? $"KV size: {Gb(allocated)} GB"
                        : $"K size: {Gb(allocated / 2)} GB, V size: {Gb(allocated / 2)} GB"));
                    lines.Add($"      {memory.BudgetRule}: {Units.GiB(memory.CapacityBytes)} total as CUDA reports it, {Gb((long)MemoryEstimator.SglangBaseBytes(plan, memory.CapacityBytes))} GB at 'Load weight begin. avail mem'; KV budget {Units.GiB(s.KvBudgetBytes)}");
                    lines.Add($"  max_total_num_tokens={s.MaxTokens}");
                    break;
                case ServingEngine.Trtllm:
                    lines.Add($"  [MemUsageChange] Allocated {Gb(allocated)} GiB for max tokens in paged KV cache ({s.MaxTokens})");
                    lines.Add($"      {memory.BudgetRule}: {Units.GiB(memory.CapacityBytes)} total as CUDA reports it; KV budget {Units.GiB(s.KvBudgetBytes)}");
                    break;
                default:
                    lines.Add($"  Available KV cache memory: {Units.GiB(s.KvBudgetBytes)}");
                    lines.Add($"      {memory.BudgetRule}: {Units.GiB(memory.CapacityBytes)} total as CUDA reports it");
                    lines.Add($"  GPU KV cache size: {s.MaxTokens:N0} tokens");
                    break;
            }
            if (s.RecurrentPool is VllmRecurrentPool recurrent)
            {
                long blocks = recurrent.Blocks(s.KvBudgetBytes);
                lines.Add(PlanResolver.VersionBelow(plan.EngineVersion, 0, 21, 0)
                    ? $"      {blocks:N0} blocks of {recurrent.PageBytes:N0} bytes x {recurrent.LayersPerGroup} layers, // {recurrent.Groups} groups x {recurrent.BlockSize} tokens ({plan.KvCacheFormat}, {KvShape(plan)})"
                    : $"      {blocks:N0} blocks of {recurrent.PageBytes:N0} bytes x {recurrent.LayersPerGroup} layers / {recurrent.BlocksPerRequest(plan.MaxModelLen):N0} blocks per maxModelLen request x {plan.MaxModelLen:N0} tokens ({plan.KvCacheFormat}, {KvShape(plan)})");
            }
            else
            {
                lines.Add($"      {Units.GiB(s.KvBudgetBytes)} / {s.KvBytesPerToken:N0} bytes per token ({plan.KvCacheFormat}, {KvShape(plan)}), rounded down to whole blocks of {plan.BlockSize}");
            }
            if (s.RecurrentPool is VllmRecurrentPool pool)
            {
                lines.Add($"      recurrent layers: each request keeps a {pool.StatePageBytes:N0}-byte state per layer; vLLM aligns the attention block to {pool.BlockSize} tokens so one page holds it " +
                          $"({pool.AttentionGroups} attention + {pool.StateGroups} state groups of {pool.LayersPerGroup} layers, {pool.PageBytes:N0}-byte pages, " +
                          $"a request takes cdiv(maxModelLen, {pool.BlockSize}) blocks per attention group and {pool.StateBlocksPerRequest} per state group)");
            }
            if (s.KvGroups is HybridKvGroups.Grouping g)
            {
                lines.Add($"      hybrid KV cache manager: {g.AttentionTypes} attention types in {g.Groups} groups of {g.LayersPerGroup} layers" +
                          (g.PaddingLayers > 0 ? $" ({g.PaddingLayers} padding layer{(g.PaddingLayers == 1 ? "" : "s")})" : "") + ", every group sized for every token" +
                          EnlargedBlocks(plan, g));
            }
            lines.Add($"  Maximum concurrency for {plan.MaxModelLen:N0} tokens per request: {Units.Number(memory.ConcurrencyAtMaxModelLen)}x");
            return lines;
        }

        /// <summary>The attention types whose smaller pages vLLM enlarged to the largest by giving their blocks more tokens.</summary>
        private static string EnlargedBlocks(DeploymentPlan plan, HybridKvGroups.Grouping g)
        {
            var parts = new List<string>();
            foreach (var (window, chunk, _, ratio) in g.GroupsByWindow)
            {
                if (ratio <= 1) continue;
                string type = window > 0 ? $"sliding-window ({window:N0})" : chunk > 0 ? $"chunked ({chunk:N0})" : "full-attention";
                parts.Add($"{type} blocks hold {ratio * plan.BlockSize} tokens");
            }
            return parts.Count == 0 ? "" : $"; pages unified to the largest ({g.PageElements:N0} elements per token): " + string.Join(", ", parts);
        }

        private static string Gb(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

        private static string KvShape(DeploymentPlan plan)
        {
            var a = plan.Architecture;
            var kv = a.FirstAttentionLayout;
            if (kv == null) return "";
            if (kv.Kind == AttentionKind.Mla && kv.Indexer is SparseIndexer ix)
            {
                long main = kv.BytesPerTokenPerGpu(plan.AttentionTensorParallel, Formats.KvBytes(plan.KvCacheFormat)) - ix.CacheBytesPerToken;
                return $"sparse MLA: latent {kv.LatentDim} in {main} bytes + the indexer's FP8 key {ix.CacheBytesPerToken} bytes per layer, the same on every TP rank";
            }
            if (kv.Kind == AttentionKind.Mla) return $"MLA latent {kv.LatentDim} per layer, the same on every TP rank";
            long perGpu = plan.Tensor >= kv.KvHeads ? 1 : kv.KvHeads / plan.Tensor;
            return $"K and V of {perGpu} of {kv.KvHeads} KV heads x {kv.HeadDim} per layer";
        }

        private static (long Payload, long Scales, long Unquantized) WeightParts(DeploymentPlan plan, StageMemory stage)
        {
            long payload = 0, quantizedTotal = 0, unquantized = 0;
            void Count(WeightTensor t, long times)
            {
                long bytes = WeightSharding.BytesPerGpu(t, plan) * times;
                if (WeightSharding.IsQuantized(t, plan))
                {
                    WeightSharding.ShardedShape(t, plan, out long rows, out long columns, out long count);
                    long elements = rows * columns * count * times;
                    payload += plan.WeightsFormat.StartsWith("int4", System.StringComparison.Ordinal) || plan.WeightsFormat.EndsWith("fp4", System.StringComparison.Ordinal) ? elements / 2 : elements;
                    quantizedTotal += bytes;
                }
                else
                {
                    unquantized += bytes;
                }
            }
            var a = plan.Architecture;
            if (stage.Stage == 0) foreach (var t in a.Embedding) Count(t, 1);
            for (int i = stage.FirstLayer; i < stage.FirstLayer + stage.LayerCount; i++) foreach (var t in a.Layers[i].Tensors) Count(t, 1);
            if (stage.Stage == plan.Pipeline - 1) foreach (var t in a.Head) Count(t, 1);
            return (payload, quantizedTotal - payload, unquantized);
        }
    }
}
