using System;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// The CUDA-graph memory vLLM 0.21+ takes out of the KV budget: Worker.determine_available_memory subtracts
    /// GPUModelRunner.profile_cudagraph_memory() ("Estimated CUDA graph memory: X GiB total") unless
    /// VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=0, the plan is eager, or Model Runner V2 (default for dense models from
    /// 0.25.1) still returned its placeholder 0 (until 0.29, which made V2 the runner of every model and gave it a profiler).
    /// The size follows the estimator: the first capture plus the second graph's marginal cost times the further graphs.
    /// </summary>
    public static class VllmCudaGraphs
    {
        private const double GiB = 1024.0 * 1024 * 1024;

        /// <summary>Why the reserve is zero, or null when vLLM subtracts it.</summary>
        public static string? NoReserveReason(DeploymentPlan plan)
        {
            if (plan.Engine != ServingEngine.Vllm) return "not vLLM";
            if (plan.VllmV0 || PlanResolver.VersionBelow(plan.EngineVersion, 0, 21, 0)) return $"vLLM {plan.EngineVersion} captures CUDA graphs after sizing the KV cache, outside gpu_memory_utilization";
            if (plan.EnforceEager) return "--enforce-eager captures no CUDA graphs";
            if (plan.CudaGraphEstimateSetting == false) return "VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=0 turns the estimate off";
            if (UsesModelRunnerV2(plan) && PlanResolver.VersionBelow(plan.EngineVersion, 0, 29, 0))
                return $"Model Runner V2 (the default for dense models since 0.25.1) returns a zero estimate before 0.29";
            return null;
        }

        /// <summary>Model Runner V2: the default for dense models from 0.25.1, for every model from 0.29.</summary>
        public static bool UsesModelRunnerV2(DeploymentPlan plan) =>
            !PlanResolver.VersionBelow(plan.EngineVersion, 0, 29, 0) ||
            !PlanResolver.VersionBelow(plan.EngineVersion, 0, 25, 1) && plan.Architecture.Moe == null && !plan.Architecture.HasRecurrentState;

        /// <summary>Bytes vLLM subtracts from the KV budget for the CUDA graphs of a stage of <paramref name="layers"/> layers.</summary>
        public static long ReserveBytes(DeploymentPlan plan, int layers) =>
            NoReserveReason(plan) == null ? PoolBytes(plan, layers) : 0;

        /// <summary>
        /// vLLM's estimate for a stage, the way profile_cudagraph_memory extrapolates it: the shared first capture, plus the
        /// second piecewise graph's marginal cost for each further piecewise graph. A piecewise graph is one CUDA graph per
        /// piece between splitting ops (layers + 1), so the marginal is pieces x the catalog's cost per piece (more for MoE
        /// and MLA layers); FULL decode graphs add next to nothing (fit and sources in rules/catalog/efficiency.yaml).
        /// </summary>
        public static long PoolBytes(DeploymentPlan plan, int layers)
        {
            var e = plan.Efficiency;
            var (piecewise, _) = GraphCounts(plan);
            var a = plan.Architecture;
            double factor = a.FirstAttentionLayout?.Kind == Models.AttentionKind.Mla ? e.CudaGraphMlaFactor : a.Moe != null ? e.CudaGraphMoeFactor : 1.0;
            double perGraphMiB = Math.Max(1.0, (layers + 1) * e.CudaGraphPerPieceMiB * factor);
            double gib = e.CudaGraphSharedGiB + Math.Max(0, piecewise - 1) * perGraphMiB / 1024;
            return (long)(gib * GiB);
        }

        /// <summary>
        /// Graphs vLLM captures under its default FULL_AND_PIECEWISE mode: one piecewise graph per capture size up to
        /// min(2 x max_num_seqs, 512, max_num_batched_tokens), and one full decode graph per capture size up to max_num_seqs
        /// (config/compilation.py: sizes 1, 2, 4, then every 8 below 256, then every 16).
        /// </summary>
        public static (int Piecewise, int Full) GraphCounts(DeploymentPlan plan)
        {
            // With speculative decoding each sequence verifies 1 + k tokens per step, and the capture sizes scale with it
            // (club-3090 logs: max_num_seqs 2 and 4 with 3 MTP tokens capture up to 16 and 32).
            long tokensPerSequence = 1 + Math.Max(0, plan.SpeculativeTokens);
            long sequences = Math.Max(1, plan.MaxConcurrentSequences) * tokensPerSequence;
            long largest = Math.Min(plan.CudaGraphMaxBatchSize ?? Math.Min(2 * sequences, 512), Math.Max(1, plan.MaxBatchedTokens));
            return (CaptureSizesUpTo(largest), CaptureSizesUpTo(Math.Min(largest, sequences)));
        }

        /// <summary>How many of vLLM's default capture sizes (1, 2, 4, 8, 16, ... 248, 256, 272, ... 512) are at most <paramref name="limit"/>.</summary>
        public static int CaptureSizesUpTo(long limit)
        {
            int count = 0;
            for (long size = 1; size <= limit && size <= 512; size = size < 4 ? size * 2 : size < 256 ? size + 8 - size % 8 : size + 16)
            {
                count++;
            }
            return count;
        }
    }
}
