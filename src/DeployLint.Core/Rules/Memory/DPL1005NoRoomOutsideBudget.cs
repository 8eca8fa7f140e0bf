using DeployLint.Estimation;
using DeployLint.Plans;

namespace DeployLint.Rules.Memory
{
    /// <summary>DPL1005: gpuMemoryUtilization leaves less than the CUDA context and the CUDA-graph pool need outside vLLM's budget.</summary>
    public sealed class NoRoomOutsideBudget : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL1005",
            "Too little memory left outside the engine's budget",
            RuleCategory.Memory,
            Severity.Warning,
            "vLLM budgets total x gpu_memory_utilization for weights, activations and the KV cache; the CUDA context and the CUDA-graph pool live in what is left. When that remainder is smaller than they need, vLLM refuses at start ('Free memory on device ... on startup is less than desired GPU memory utilization') or runs out of memory capturing CUDA graphs after the KV cache is allocated.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            if (p.Engine != ServingEngine.Vllm) return;
            var e = p.Efficiency;
            bool eager = c.Manifest.Serving.EnforceEager != null;
            double contextGiB = MemoryEstimator.StartupContextGiB(p);
            double needGiB = MemoryEstimator.LeastOutsideBudgetGiB(p, eager);
            double leftGiB = MemoryEstimator.OutsideBudgetGiB(p, c.Memory);
            if (leftGiB >= needGiB) return;
            double highest = MemoryEstimator.HighestUtilizationLeaving(needGiB, c.Memory);
            c.Report(Rule, c.SpanOf(c.Manifest.Serving.GpuMemoryUtilization, c.Manifest.Serving.KeySpan),
                $"gpuMemoryUtilization {Units.Number(p.GpuMemoryUtilization)} leaves {Units.Number(leftGiB, "0.00")} GiB of {p.Gpu.Id}'s {Units.GiB(c.Memory.CapacityBytes)} outside vLLM's budget, " +
                $"less than the {StartupContextName(p)} (about {Units.Number(contextGiB)} GiB){(!MemoryEstimator.GraphPoolOutsideBudget(p, eager) ? "" : $" and the smallest CUDA-graph pool measured ({Units.Number(e.CudaGraphPoolMinGiB)} GiB)")} need; " +
                $"vLLM may refuse at start or fail capturing CUDA graphs. Use gpuMemoryUtilization {Units.Number(highest)} or lower{(!MemoryEstimator.GraphPoolOutsideBudget(p, eager) ? "" : ", or --enforce-eager")}");
        }

        /// <summary>"CUDA context", or "CUDA context and NCCL communicators" when TP on NVSwitch adds them before vLLM's snapshot.</summary>
        internal static string StartupContextName(DeploymentPlan p) =>
            p.Gpu.HostReservedGiB > 0 ? "CUDA context and the host's share of unified memory"
            : MemoryEstimator.StartupContextGiB(p) > p.Efficiency.CudaContextGiB ? "CUDA context and NCCL communicators" : "CUDA context";
    }
}
