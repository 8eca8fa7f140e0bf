using System;
using DeployLint.Estimation;
using DeployLint.Plans;

namespace DeployLint.Rules.Memory
{
    /// <summary>
    /// DPL1006: vLLM's sampler warm-up, run after the KV cache is allocated and CUDA graphs are captured, has no room
    /// outside the budget. Checked where that room has been measured: MXFP4 MoE experts on Hopper (triton_kernels).
    /// </summary>
    public sealed class SamplerWarmupOutOfMemory : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL1006",
            "vLLM's sampler warm-up runs out of memory",
            RuleCategory.Memory,
            Severity.Error,
            "After sizing the KV cache to the budget, vLLM captures CUDA graphs and then runs the sampler on max_num_seqs dummy requests (compile_or_warm_up_model). Everything they need comes from total x (1 - gpu_memory_utilization): the CUDA context and NCCL communicators, the graph pool, and fresh blocks for the vocabulary-sized tensors, because the caching allocator's freed blocks are fragmented. When that is too little the engine exits with 'CUDA out of memory occurred when warming up sampler with N dummy requests'.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            if (p.Engine != ServingEngine.Vllm || p.VllmV0) return;
            if (p.WeightsFormat != Formats.Mxfp4 || p.Architecture.Moe == null || p.Gpu.ComputeCapabilityNumber != 9.0) return;
            var e = p.Efficiency;
            bool eager = c.Manifest.Serving.EnforceEager != null;
            bool graphsOutside = MemoryEstimator.GraphPoolOutsideBudget(p, eager);
            double leftGiB = MemoryEstimator.OutsideBudgetGiB(p, c.Memory);
            if (leftGiB < MemoryEstimator.LeastOutsideBudgetGiB(p, eager)) return; // DPL1005 reports it
            double contextGiB = MemoryEstimator.StartupContextGiB(p);

            long requests = Math.Min(p.MaxConcurrentSequences, p.MaxBatchedTokens);
            double graphGiB = !graphsOutside ? 0 : p.Tensor > 1 ? e.TritonMxfp4GraphPoolTensorParallelGiB : e.TritonMxfp4GraphPoolGiB;
            double reservePerRequestGiB = (p.Tensor > 1 ? e.TritonMxfp4WarmupReserveTensorParallelGiB : e.TritonMxfp4WarmupReserveGiB) / e.TritonMxfp4WarmupRequests;
            double needGiB = contextGiB + graphGiB + reservePerRequestGiB * requests;
            if (leftGiB >= needGiB) return;

            double highestGmu = MemoryEstimator.HighestUtilizationLeaving(needGiB, c.Memory);
            long fittingRequests = LargestPowerOfTwoAtMost((long)Math.Floor((leftGiB - contextGiB - graphGiB) / reservePerRequestGiB));
            string sequences = fittingRequests >= 1 ? $", or maxConcurrentSequences {Units.Count(fittingRequests)} (max_num_seqs)" : "";
            c.Report(Rule, c.SpanOf(c.Manifest.Serving.GpuMemoryUtilization, c.Manifest.Serving.KeySpan),
                $"gpuMemoryUtilization {Units.Number(p.GpuMemoryUtilization)} leaves {Units.Number(leftGiB, "0.00")} GiB of {p.Gpu.Id}'s {Units.GiB(c.Memory.CapacityBytes)} outside vLLM's budget; " +
                $"after the KV cache is allocated, MXFP4 experts on Hopper (triton_kernels) need about {Units.Number(needGiB, "0.00")} GiB there: " +
                $"{NoRoomOutsideBudget.StartupContextName(p)} {Units.Number(contextGiB, "0.00")}, " +
                (!graphsOutside ? "" : $"CUDA-graph pool {Units.Number(graphGiB, "0.00")}, ") +
                $"and {Units.Number(reservePerRequestGiB * requests, "0.00")} GiB of fragmented blocks the sampler warm-up over {Units.Count(requests)} requests x {Units.Count(p.Architecture.VocabSize)} vocab cannot reuse (measured on H100, vLLM 0.19). " +
                $"vLLM exits with 'CUDA out of memory occurred when warming up sampler with {requests} dummy requests'. Use gpuMemoryUtilization {Units.Number(highestGmu)} or lower{sequences}");
        }

        private static long LargestPowerOfTwoAtMost(long n)
        {
            if (n < 1) return 0;
            long power = 1;
            while (power * 2 <= n) power *= 2;
            return power;
        }
    }
}
