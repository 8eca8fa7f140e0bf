using System;
using System.Collections.Generic;
using DeployLint.Models;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// Memory per GPU: weights per pipeline stage from the real tensor shapes, the activation peak of the engine's
    /// profile run, the engine's runtime overhead, and what the engine's budget rule leaves for the KV cache.
    /// </summary>
    public static class MemoryEstimator
    {
        private const double GiB = 1024.0 * 1024 * 1024;

        public static MemoryEstimate Estimate(DeploymentPlan plan)
        {
            var a = plan.Architecture;
            // More stages than layers is DPL4003's error; sizing one layer per stage keeps a hostile PP from costing O(PP).
            int stages = Math.Max(1, Math.Min(plan.Pipeline, Math.Max(1, a.LayerCount)));
            var partition = PipelineLayers(a.LayerCount, stages);
            var result = new List<StageMemory>(stages);
            int first = 0;
            long capacity = plan.Gpu.MemoryBytes;
            for (int s = 0; s < stages; s++)
            {
                int count = partition[s];
                var stage = new StageMemory { Stage = s, FirstLayer = first, LayerCount = count, LayersPerKind = a.Kinds.Count(first, count) };
                int draftLayers = s == stages - 1 ? plan.MtpDraftLayers : 0;
                stage.WeightsBytes = CheckpointScaled(plan, StageWeights(plan, s, stages, stage.LayersPerKind)) + (draftLayers > 0 ? MtpDraftWeights(plan) : 0);
                stage.ActivationBytes = ActivationPeak(plan, stage.LayersPerKind, isLastStage: s == stages - 1);
                stage.OverheadBytes = RuntimeOverhead(plan);
                stage.CudaGraphReserveBytes = VllmCudaGraphs.ReserveBytes(plan, count);
                stage.KvBudgetBytes = KvBudget(plan, capacity, stage);
                stage.KvGroups = HybridKvGroups.Of(plan, first, count);
                stage.KvBytesPerToken = KvBytesPerToken(plan, first, count, stage.KvGroups) + (stage.KvGroups == null ? draftLayers * MtpDraftKvBytesPerToken(plan) : 0);
                stage.MaxTokens = TokensIn(stage.KvBudgetBytes, stage.KvBytesPerToken, plan.BlockSize);
                if (plan.MaxTotalTokens is long cap && cap < stage.MaxTokens)
                {
                    // SGLang init_memory: max_total_num_tokens = min(profiled, --max-total-tokens); the pool is allocated at that size.
                    stage.MaxTokens = cap;
                    stage.KvBudgetBytes = cap * stage.KvBytesPerToken;
                }
                stage.KvBytesPerMaxLenRequest = KvBytesForRequest(plan, first, count, plan.MaxModelLen) +
                    (stage.KvGroups == null ? draftLayers * TokensHeld(plan, 0, 0, plan.MaxModelLen) * MtpDraftKvBytesPerToken(plan) : 0);
                stage.KvPoolBytesPerMaxLenRequest = stage.KvGroups == null ? stage.KvBytesPerMaxLenRequest : KvPoolBytesForRequest(plan, stage.KvGroups, plan.MaxModelLen);
                // The count as if every layer held every token: what SGLang profiles before splitting its sliding-window pool.
                long uniformTokens = stage.LongestRequest = stage.MaxTokens;
                if (stage.KvGroups is HybridKvGroups.Grouping groups)
                {
                    stage.LongestRequest = LongestRequestInPool(plan, groups, stage.KvBudgetBytes);
                    stage.MaxTokens = groups.ReportedTokens(plan, stage.KvBudgetBytes, stage.KvPoolBytesPerMaxLenRequest);
                }
                if (VllmRecurrentPool.Of(plan, first, count, draftLayers) is VllmRecurrentPool pool)
                {
                    stage.RecurrentPool = pool;
                    stage.MaxTokens = pool.ReportedTokens(plan, stage.KvBudgetBytes);
                    stage.LongestRequest = pool.LongestRequest(stage.KvBudgetBytes);
                    stage.KvBytesPerMaxLenRequest = stage.KvPoolBytesPerMaxLenRequest = pool.BytesPerRequest(plan.MaxModelLen);
                }
                if (SglangSwaPool.Of(plan, first, count, uniformTokens) is SglangSwaPool swa)
                {
                    // A request holds its every token in the full pool, which binds: its share of the budget is L / full tokens.
                    stage.SwaPool = swa;
                    stage.MaxTokens = stage.LongestRequest = swa.FullTokens;
                    stage.KvBytesPerMaxLenRequest = stage.KvPoolBytesPerMaxLenRequest =
                        swa.FullTokens > 0 ? (long)Math.Ceiling((double)plan.MaxModelLen * Math.Max(0, stage.KvBudgetBytes) / swa.FullTokens) : long.MaxValue / 4;
                }
                result.Add(stage);
                first += count;
            }

            var largest = result[0];
            var binding = result[0];
            foreach (var s in result)
            {
                if (s.WeightsBytes > largest.WeightsBytes) largest = s;
                if (StageCapacityRank(s) < StageCapacityRank(binding)) binding = s;
            }
            return new MemoryEstimate
            {
                CapacityBytes = capacity,
                BudgetBytes = Budget(plan, capacity),
                BudgetRule = BudgetRule(plan),
                Stages = result,
                LargestStage = largest,
                BindingStage = binding,
                AttentionData = Math.Max(1, plan.AttentionData),
            };
        }

        private static double StageCapacityRank(StageMemory s) =>
            s.KvBudgetBytes <= 0 ? s.KvBudgetBytes - 1e18 : s.KvBytesPerToken > 0 ? (double)s.KvBudgetBytes / s.KvBytesPerToken : double.MaxValue;

        /// <summary>vLLM's get_pp_indices: layers // PP per stage, the remainder spread over the stages before the last.</summary>
        public static int[] PipelineLayers(int layers, int stages)
        {
            var partition = new int[stages];
            for (int i = 0; i < stages; i++) partition[i] = layers / stages;
            int remaining = layers % stages;
            for (int i = 2; i < remaining + 2 && i <= stages; i++) partition[stages - i] += 1;
            return partition;
        }

        public static long StageWeights(DeploymentPlan plan, int stage, int stages, int[] layersPerKind)
        {
            var a = plan.Architecture;
            long bytes = 0;
            if (stage == 0)
            {
                foreach (var t in a.Embedding) bytes += WeightSharding.BytesPerGpu(t, plan);
            }
            for (int k = 0; k < layersPerKind.Length; k++)
            {
                if (layersPerKind[k] == 0) continue;
                long layerBytes = 0;
                foreach (var t in a.Kinds.Distinct[k].Tensors) layerBytes += WeightSharding.BytesPerGpu(t, plan);
                bytes += layerBytes * layersPerKind[k];
            }
            if (stage == stages - 1)
            {
                foreach (var t in a.Head) bytes += WeightSharding.BytesPerGpu(t, plan);
                if (a.TiedEmbeddings && stages > 1)
                {
                    // The last stage needs the (tied) output projection although the embedding lives on stage 0.
                    foreach (var t in a.Embedding)
                    {
                        if (t.Role == TensorRole.Embedding) bytes += WeightSharding.BytesPerGpu(t, plan);
                    }
                }
            }
            // vLLM --cpu-offload-gb: up to that many GiB of this GPU's weights stay in host memory.
            bytes -= Math.Min(plan.CpuOffloadBytes, bytes);
            bytes += RotaryCacheBytes(plan);
            return bytes;
        }

        /// <summary>
        /// An approximate architecture (an unmodelled model_type) with the checkpoint's safetensors index: its estimate scaled
        /// so the whole checkpoint weighs what total_size says (16-bit checkpoints; quantized ones are left as estimated).
        /// </summary>
        private static long CheckpointScaled(DeploymentPlan plan, long bytes)
        {
            var a = plan.Architecture;
            if (a.Approximation == null || plan.CheckpointBytes is not long checkpoint || plan.CheckpointQuantization != null || !Formats.IsFloatingPoint(plan.WeightsFormat)) return bytes;
            double modelled = (double)a.TotalParameters * Formats.FloatBytes(plan.WeightsFormat);
            return modelled > 0 ? (long)(bytes * (checkpoint / modelled)) : bytes;
        }

        /// <summary>
        /// The MTP draft model vLLM loads on the last stage for --speculative-config method mtp: the checkpoint's MTP layers
        /// at the plan's sharding, less the embedding and head it shares with the target ("Sharing target model embedding
        /// weights with the draft model", vllm/v1/spec_decode/eagle.py).
        /// </summary>
        public static long MtpDraftWeights(DeploymentPlan plan)
        {
            long bytes = 0;
            foreach (var t in plan.Architecture.NextTokenPredictors)
            {
                if (t.Role == TensorRole.Embedding || t.Role == TensorRole.LmHead) continue;
                bytes += WeightSharding.BytesPerGpu(t, plan);
            }
            return bytes;
        }

        /// <summary>KV bytes per token of one MTP draft layer (a full-attention layer of the model's own kind), on one GPU.</summary>
        public static long MtpDraftKvBytesPerToken(DeploymentPlan plan) =>
            plan.Architecture.FirstAttentionLayout?.BytesPerTokenPerGpu(plan.AttentionTensorParallel, Formats.KvBytes(plan.KvCacheFormat)) ?? 0;

        /// <summary>The rotary cos/sin cache vLLM registers as a buffer: positions x rotary dim in the model dtype.</summary>
        public static long RotaryCacheBytes(DeploymentPlan plan) =>
            plan.Architecture.RotaryPositions * plan.Architecture.RotaryDim * Formats.FloatBytes(plan.ActivationFormat);

        /// <summary>
        /// Peak activation memory of the engine's profile run at maxBatchedTokens: the hidden state and residual of every
        /// token, plus the largest per-layer transient (gated-MLP intermediates, or the fused-MoE workspace); on the last
        /// stage also the sampler's logits for min(maxConcurrentSequences, maxBatchedTokens) rows over the full vocabulary
        /// (model-dtype logits plus the catalog's samplerExtraBytesPerLogit: FP32 logits, probabilities and log-probabilities).
        /// vLLM's modular fused-MoE kernels take their buffers from a persistent workspace that is still held when the
        /// sampler runs, so for MoE models the workspace adds to the sampler's peak instead of competing with it.
        /// </summary>
        public static long ActivationPeak(DeploymentPlan plan, int[] layersPerKind, bool isLastStage)
        {
            var a = plan.Architecture;
            long tokens = plan.MaxBatchedTokens;
            int act = Formats.FloatBytes(plan.ActivationFormat);
            long tp = Math.Max(1, plan.Tensor);
            long moeTp = Math.Max(1, plan.MoeTensorParallel);
            long persistent = 2 * tokens * a.HiddenSize * act;
            long transient = 0;
            long moeWorkspace = 0;
            for (int k = 0; k < layersPerKind.Length; k++)
            {
                if (layersPerKind[k] == 0) continue;
                var layer = a.Kinds.Distinct[k];
                long layerTransient;
                if (layer.IsMoe && a.Moe != null)
                {
                    long inter = WeightSharding.CeilDiv(a.Moe.ExpertIntermediateSize, moeTp);
                    if (plan.WeightsFormat == Formats.Mxfp4)
                    {
                        // gpt-oss's MXFP4 experts run triton_kernels' matmul_ogs, outside the shared workspace.
                        layerTransient = tokens * a.Moe.ExpertsPerToken * (3 * inter + a.HiddenSize) * act;
                    }
                    else
                    {
                        moeWorkspace = Math.Max(moeWorkspace, FusedMoeWorkspace(Math.Min(tokens, FusedMoeChunkTokens), a.Moe.ExpertsPerToken, inter, a.HiddenSize, act));
                        layerTransient = moeWorkspace;
                    }
                }
                else
                {
                    long inter = WeightSharding.CeilDiv(Math.Max(a.IntermediateSize, 1), tp);
                    layerTransient = tokens * 3 * inter * act;
                }
                long attention = tokens * (WeightSharding.CeilDiv(a.AttentionHeads, tp) * a.HeadDim * 2 + 2 * Math.Max(1, a.KeyValueHeads / tp) * a.HeadDim) * act;
                transient = Math.Max(transient, Math.Max(layerTransient, attention));
            }
            long forward = persistent + transient;
            if (!isLastStage || plan.Engine == ServingEngine.Sglang) return forward;
            long rows = TrtllmProfilesPyTorch(plan) ? TrtllmProfileRequests(plan) : Math.Min(plan.MaxConcurrentSequences, tokens);
            long sampler = rows * a.VocabSize * (long)(act + plan.Efficiency.SamplerExtraBytesPerLogit);
            // vLLM 0.29's Model Runner V2 samples batch-sharded: each TP rank holds the logits of 1/TP of the rows.
            if (plan.Engine == ServingEngine.Vllm && plan.Tensor > 1 && !PlanResolver.VersionBelow(plan.EngineVersion, 0, 29, 0))
            {
                sampler = WeightSharding.CeilDiv(rows, plan.Tensor) * a.VocabSize * (long)(act + plan.Efficiency.SamplerExtraBytesPerLogit);
            }
            return Math.Max(forward, persistent + moeWorkspace + sampler);
        }

        /// <summary>vLLM VLLM_FUSED_MOE_CHUNK_SIZE (32768): the fused-MoE kernels process at most this many tokens at once.</summary>
        private const long FusedMoeChunkTokens = 32 * 1024;

        /// <summary>
        /// vLLM TritonExperts.workspace_shapes for M tokens, top-k experts, shard intermediate I and hidden K:
        /// workspace13 (M, topk, max(2I, K)) holds the gate/up output and then the down output, workspace2 (M, topk, max(I, K))
        /// the activated intermediate, and the output (M, K); all in the activation dtype.
        /// </summary>
        internal static long FusedMoeWorkspace(long tokens, long topK, long intermediate, long hidden, int bytes) =>
            (tokens * topK * (Math.Max(2 * intermediate, hidden) + Math.Max(intermediate, hidden)) + tokens * hidden) * bytes;

        /// <summary>
        /// Memory outside PyTorch's allocator that appears during start-up: workspaces, and with TP &gt; 1 the NCCL and custom
        /// all-reduce buffers, plus NCCL's NVLS buffers on NVSwitch systems of compute capability 9.0+ (factors and their
        /// sources in rules/catalog/efficiency.yaml).
        /// </summary>
        public static long RuntimeOverhead(DeploymentPlan plan)
        {
            var e = plan.Efficiency;
            double gib = e.RuntimeBaseGiB;
            if (plan.Tensor > 1) gib += HasNvls(plan) ? e.NvlsBaseGiB + e.NvlsPerRankGiB * plan.Tensor : e.TensorParallelBuffersGiB;
            return (long)(gib * GiB) + TrtllmGraphPoolBytes(plan);
        }

        /// <summary>
        /// TensorRT-LLM's PyTorch backend (from 0.17; the default of trtllm-serve and the LLM API from 1.0) sizes the pool
        /// after a profiling run (KvCacheCreator, pyexecutor/_util.py): KV = (total - peak + temporary KV) x fraction, peak =
        /// torch's allocation peak plus everything outside torch, the CUDA graphs included.
        /// </summary>
        public static bool TrtllmProfilesPyTorch(DeploymentPlan plan) =>
            plan.Engine == ServingEngine.Trtllm && !PlanResolver.VersionBelow(plan.EngineVersion, 0, 17, 0);

        /// <summary>
        /// The profiling run's dummy context requests (create_dummy_context_requests): requests of min(max_num_tokens,
        /// max_seq_len) tokens until max_num_tokens are used; each samples one token, so these are the sampler's rows.
        /// </summary>
        public static long TrtllmProfileRequests(DeploymentPlan plan)
        {
            long tokens = Math.Max(1, plan.MaxBatchedTokens);
            long perRequest = Math.Max(1, Math.Min(tokens, plan.MaxModelLen));
            return WeightSharding.CeilDiv(tokens, perRequest);
        }

        /// <summary>TensorRT-LLM's largest generation CUDA graph: cuda_graph_config.max_batch_size (default 128), at most max_batch_size.</summary>
        public static long TrtllmGraphBatch(DeploymentPlan plan) =>
            Math.Max(1, Math.Min(plan.MaxConcurrentSequences, plan.CudaGraphMaxBatchSize ?? 128));

        /// <summary>
        /// The generation graphs' private pool, held outside torch's allocations when the profile is measured: the largest
        /// graph's float32 logits, batch x vocabulary x 4 bytes, dominate it (smaller graphs reuse the pool). TRT-LLM#6294
        /// (0.20, Llama-3.1-8B FP8, H100, graphs to 4,096): 1.96 GiB of logits, and the log's peak less weights, profile and
        /// context leaves 2.1 GiB.
        /// </summary>
        public static long TrtllmGraphPoolBytes(DeploymentPlan plan) =>
            TrtllmProfilesPyTorch(plan) ? TrtllmGraphBatch(plan) * plan.Architecture.VocabSize * 4L : 0;

        /// <summary>
        /// Memory in use before vLLM's start-up snapshot, outside its budget: the CUDA context, on unified-memory parts what the
        /// host holds, and with TP &gt; 1 on NVSwitch systems the NCCL communicators set up in init_device.
        /// </summary>
        public static double StartupContextGiB(DeploymentPlan plan) =>
            plan.Efficiency.CudaContextGiB + plan.Gpu.HostReservedGiB + (plan.Tensor > 1 && HasNvls(plan) ? plan.Efficiency.StartupCommunicatorGiB : 0);

        /// <summary>What vLLM's gpu_memory_utilization leaves outside its budget: total x (1 - gmu), in GiB.</summary>
        public static double OutsideBudgetGiB(DeploymentPlan plan, MemoryEstimate memory) =>
            memory.CapacityBytes * (1 - plan.GpuMemoryUtilization) / GiB;

        /// <summary>
        /// The least that must fit outside vLLM's budget: the start-up context and, when graphs are captured outside the
        /// budget (before 0.21, or with the estimate off), the smallest graph pool measured.
        /// </summary>
        public static double LeastOutsideBudgetGiB(DeploymentPlan plan, bool enforceEager) =>
            StartupContextGiB(plan) + (GraphPoolOutsideBudget(plan, enforceEager) ? plan.Efficiency.CudaGraphPoolMinGiB : 0);

        /// <summary>True when vLLM captures CUDA graphs in the memory its gpu_memory_utilization leaves outside the budget.</summary>
        public static bool GraphPoolOutsideBudget(DeploymentPlan plan, bool enforceEager) =>
            !enforceEager && !plan.EnforceEager && (plan.Engine != ServingEngine.Vllm || VllmCudaGraphs.NoReserveReason(plan) != null);

        /// <summary>The highest gpu_memory_utilization (two decimals, rounded down) that leaves <paramref name="neededGiB"/> outside the budget.</summary>
        public static double HighestUtilizationLeaving(double neededGiB, MemoryEstimate memory) =>
            Math.Floor((1 - neededGiB * GiB / memory.CapacityBytes) * 100) / 100;

        public static bool HasNvls(DeploymentPlan plan) =>
            plan.Gpu.ComputeCapabilityNumber >= 9.0 && plan.IntraNodeLink.Kind == Catalog.LinkKind.NvLink && plan.Gpu.NvlinkDomain >= 4;

        /// <summary>
        /// The smallest gpu_memory_utilization (SGLang: mem_fraction_static) whose budget holds the binding stage's weights,
        /// activation peak, runtime overhead and one maxModelLen request; null for engines without such a fraction or when
        /// even 1.0 is not enough.
        /// </summary>
        public static double? MinimumUtilization(DeploymentPlan plan, MemoryEstimate memory)
        {
            if (plan.Engine != ServingEngine.Vllm && plan.Engine != ServingEngine.Sglang) return null;
            double worst = 0;
            foreach (var s in memory.Stages)
            {
                double needed = s.WeightsBytes + s.KvBytesPerMaxLenRequest + (plan.Engine == ServingEngine.Vllm ? s.ActivationBytes + s.OverheadBytes + s.CudaGraphReserveBytes : 0);
                double basis = plan.Engine == ServingEngine.Sglang ? SglangBaseBytes(plan, memory.CapacityBytes) : memory.CapacityBytes;
                worst = System.Math.Max(worst, needed / basis);
            }
            double rounded = System.Math.Ceiling(worst * 100) / 100;
            return rounded <= 0.99 ? rounded : (double?)null;
        }

        /// <summary>
        /// What SGLang's mem_fraction_static multiplies: the free memory before the weights load ("Load weight begin. avail
        /// mem"), i.e. the device less the CUDA context and, at TP &gt; 1, the communicators of init_torch_distributed
        /// (model_runner_kv_cache_mixin.profile_max_num_token: rest = avail_after_load - pre_load_free x (1 - mfs)).
        /// </summary>
        public static double SglangBaseBytes(DeploymentPlan plan, long capacity) => capacity - SglangPreLoadGiB(plan) * GiB;

        /// <summary>In use before SGLang's weights load: the CUDA context, what a unified-memory host holds, and the communicators.</summary>
        public static double SglangPreLoadGiB(DeploymentPlan plan) =>
            plan.Efficiency.CudaContextGiB + plan.Gpu.HostReservedGiB +
            (plan.Tensor <= 1 ? 0 : HasNvls(plan) ? plan.Efficiency.SglangDistributedNvlsGiB : plan.Efficiency.SglangDistributedGiB);

        /// <summary>SGLang server_args.mamba_full_memory_ratio default: state pool / KV pool for models with recurrent layers.</summary>
        public const double SglangMambaFullMemoryRatio = 0.9;

        public static long Budget(DeploymentPlan plan, long capacity) => plan.Engine switch
        {
            ServingEngine.Generic => capacity - plan.ReservedBytes,
            ServingEngine.Trtllm => capacity,
            ServingEngine.Sglang => (long)(SglangBaseBytes(plan, capacity) * plan.GpuMemoryUtilization),
            _ => (long)(capacity * plan.GpuMemoryUtilization),
        };

        public static string BudgetRule(DeploymentPlan plan) => plan.Engine switch
        {
            ServingEngine.Vllm => $"vLLM: KV = total x gpu_memory_utilization ({Units.Number(plan.GpuMemoryUtilization)}) - weights - activation peak - non-torch memory" +
                (VllmCudaGraphs.NoReserveReason(plan) == null ? " - estimated CUDA graph memory" : ""),
            ServingEngine.Sglang => $"SGLang: weights + KV = free memory before the weights load (total - CUDA context - communicators) x mem_fraction_static ({Units.Number(plan.GpuMemoryUtilization)})",
            ServingEngine.Trtllm => $"TensorRT-LLM: KV = free memory after the CUDA context, weights and activations x free_gpu_memory_fraction ({Units.Number(plan.GpuMemoryUtilization)})",
            _ => $"generic: KV = total - reserve ({Units.GiB(plan.ReservedBytes)}) - weights - activation peak - runtime overhead",
        };

        private static long KvBudget(DeploymentPlan plan, long capacity, StageMemory s)
        {
            switch (plan.Engine)
            {
                case ServingEngine.Sglang:
                {
                    long rest = Budget(plan, capacity) - s.WeightsBytes;
                    // model_runner.handle_max_mamba_cache: with the radix cache on (the default) the state pool takes
                    // mamba_full_memory_ratio / (1 + ratio) of what is left, the KV pool the rest (server_args default ratio 0.9).
                    return rest > 0 && plan.Architecture.HasRecurrentState ? (long)(rest / (1 + SglangMambaFullMemoryRatio)) : rest;
                }
                case ServingEngine.Trtllm:
                {
                    // cudaMemGetInfo's free memory also lacks the CUDA context (and on unified-memory parts what the host holds).
                    long free = capacity - (long)((plan.Efficiency.CudaContextGiB + plan.Gpu.HostReservedGiB) * GiB) - s.WeightsBytes - s.ActivationBytes - s.OverheadBytes;
                    return free <= 0 ? free : (long)(free * plan.GpuMemoryUtilization);
                }
                case ServingEngine.Generic:
                    return capacity - plan.ReservedBytes - s.WeightsBytes - s.ActivationBytes - s.OverheadBytes;
                default:
                    // --kv-cache-memory: vLLM sizes the cache to exactly that and skips the utilization budget (gpu_worker.determine_available_memory).
                    if (plan.KvCacheMemoryBytes is long requested) return requested;
                    return (long)(capacity * plan.GpuMemoryUtilization) - s.WeightsBytes - s.ActivationBytes - s.OverheadBytes - s.CudaGraphReserveBytes;
            }
        }

        /// <summary>KV bytes per token of the stage; under vLLM's hybrid KV groups every group, padding included, pays.</summary>
        public static long KvBytesPerToken(DeploymentPlan plan, int firstLayer, int layerCount, HybridKvGroups.Grouping? groups)
        {
            int bytes = Formats.KvBytes(plan.KvCacheFormat);
            if (groups != null) return groups.PageElements * bytes * groups.LayersPerGroup * groups.Groups;
            long total = 0;
            for (int i = firstLayer; i < firstLayer + layerCount; i++)
            {
                var kv = plan.Architecture.Layers[i].Kv;
                if (kv.HasOwnKvCache) total += kv.BytesPerTokenPerGpu(plan.AttentionTensorParallel, bytes);
            }
            return total;
        }

        /// <summary>
        /// KV bytes one request of <paramref name="tokens"/> tokens occupies: full-attention layers hold every token (in
        /// whole blocks); sliding-window layers at most window - 1 + maxBatchedTokens tokens plus one block, as vLLM's
        /// SlidingWindowSpec.max_memory_usage_bytes counts it.
        /// </summary>
        public static long KvBytesForRequest(DeploymentPlan plan, int firstLayer, int layerCount, long tokens)
        {
            int bytes = Formats.KvBytes(plan.KvCacheFormat);
            long total = 0;
            for (int i = firstLayer; i < firstLayer + layerCount; i++)
            {
                var kv = plan.Architecture.Layers[i].Kv;
                if (!kv.HasOwnKvCache) continue;
                total += TokensHeld(plan, kv.SlidingWindow, kv.AttentionChunk, tokens) * kv.BytesPerTokenPerGpu(plan.AttentionTensorParallel, bytes);
            }
            return total;
        }

        /// <summary>
        /// KV bytes one request takes from vLLM V1's pool under the hybrid KV cache manager, which the engine's "Maximum
        /// concurrency" divides by: every group, padding layers included, holds the request's blocks
        /// (kv_cache_utils.get_max_concurrency_for_kv_cache_config).
        /// </summary>
        public static long KvPoolBytesForRequest(DeploymentPlan plan, HybridKvGroups.Grouping groups, long tokens)
        {
            long total = 0;
            foreach (var (window, chunk, count, ratio) in groups.GroupsByWindow)
            {
                // ratio x block size tokens per block, each block one page of the largest size: tokens held / ratio of that page.
                total += TokensHeld(plan, window, chunk, tokens, ratio) / ratio * count;
            }
            return total * groups.LayersPerGroup * groups.PageElements * Formats.KvBytes(plan.KvCacheFormat);
        }

        /// <summary>The largest request length (up to maxModelLen) whose pool blocks fit the budget, by bisection as vLLM's auto-fit does.</summary>
        private static long LongestRequestInPool(DeploymentPlan plan, HybridKvGroups.Grouping groups, long budgetBytes)
        {
            if (budgetBytes <= 0 || KvPoolBytesForRequest(plan, groups, 1) > budgetBytes) return 0;
            long low = 1, high = Math.Max(1, plan.MaxModelLen);
            while (low < high)
            {
                long mid = low + (high - low + 1) / 2;
                if (KvPoolBytesForRequest(plan, groups, mid) <= budgetBytes) low = mid;
                else high = mid - 1;
            }
            return low;
        }

        /// <summary>
        /// Token slots (whole blocks) one layer holds for a request: every token under full attention; under a sliding
        /// window the last window - 1 tokens plus one scheduled chunk, plus one block because the window need not start
        /// at a block boundary (vLLM SlidingWindowSpec.max_memory_usage_bytes); under chunked local attention the current
        /// chunk plus one scheduled chunk (ChunkedLocalAttentionSpec.max_memory_usage_bytes).
        /// </summary>
        private static long TokensHeld(DeploymentPlan plan, long slidingWindow, long attentionChunk, long tokens, long blockRatio = 1)
        {
            long block = Math.Max(1, plan.BlockSize) * Math.Max(1, blockRatio);
            if (slidingWindow <= 0 && attentionChunk > 0) return WeightSharding.CeilDiv(Math.Min(tokens, attentionChunk + plan.MaxBatchedTokens), block) * block;
            if (slidingWindow <= 0) return WeightSharding.CeilDiv(tokens, block) * block;
            long window = Math.Min(tokens, slidingWindow - 1 + plan.MaxBatchedTokens);
            return (WeightSharding.CeilDiv(window, block) + 1) * block;
        }

        private static long TokensIn(long kvBytes, long bytesPerToken, int blockSize)
        {
            if (kvBytes <= 0 || bytesPerToken <= 0) return 0;
            long block = Math.Max(1, blockSize);
            long blocks = kvBytes / (bytesPerToken * block);
            return blocks * block;
        }
    }
}
