using DeployLint.Plans;

namespace DeployLint.Rules.Memory
{
    /// <summary>DPL1001: the weights of the largest pipeline stage alone exceed what the engine may use of one GPU.</summary>
    public sealed class WeightsExceedMemory : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL1001",
            "Weights exceed GPU memory",
            RuleCategory.Memory,
            Severity.Error,
            "The weights each GPU must hold are larger than the memory the engine may use on that GPU; the engine fails while loading or finds no room for anything else.");

        public override RuleDescriptor Descriptor => Rule;

        /// <summary>Also runs when the architecture is unknown, on the checkpoint's size from the model store.</summary>
        public override bool NeedsModel => false;

        public override void Analyze(PlanContext c)
        {
            if (!c.Plan.ModelKnown)
            {
                AnalyzeCheckpoint(c);
                return;
            }
            var m = c.Memory;
            var p = c.Plan;
            if (m.WeightsBytes <= m.BudgetBytes) return;
            long totalWeights = 0;
            foreach (var s in m.Stages) totalWeights += s.WeightsBytes * p.Tensor;
            long perGpuBudget = (long)(m.BudgetBytes * 0.85);
            long gpusNeeded = perGpuBudget > 0 ? (totalWeights + perGpuBudget - 1) / perGpuBudget : 0;
            string stage = p.Pipeline > 1 ? $" (pipeline stage {m.LargestStage.Stage}, layers {m.LargestStage.FirstLayer}-{m.LargestStage.FirstLayer + m.LargestStage.LayerCount - 1})" : "";
            string fix = gpusNeeded > p.Tensor * p.Pipeline
                ? $"; the weights alone need at least {gpusNeeded} x {p.Gpu.Id} per replica (TP x PP), or a smaller weight format"
                : "; use a smaller weight format or more GPUs per replica";
            string refusal = p.Engine == Plans.ServingEngine.Sglang
                ? $"; SGLang stops with 'Not enough memory. Please try to increase --mem-fraction-static. Current value: {Units.Number(p.GpuMemoryUtilization)}'"
                : "";
            c.Report(Rule, c.SpanOf(c.Manifest.Hardware.Gpu, c.Manifest.Hardware.KeySpan),
                $"needs {Units.GiB(m.WeightsBytes)} of {p.WeightsFormat} weights per GPU{stage} at TP {p.Tensor} x PP {p.Pipeline}, " +
                $"but {p.Gpu.Id} has {Units.GiB(m.BudgetBytes)} for the engine ({Units.GiB(m.CapacityBytes)} x {Units.Number(p.GpuMemoryUtilization)}){refusal}{fix}");
        }
    
        /// <summary>
        /// A model whose architecture DeployLint does not model, with its safetensors index in the model store: each GPU holds
        /// at least total_size / (TP x PP) (replicated tensors and an uneven pipeline split only add), so a checkpoint above
        /// the engine's budget at that share cannot load. Skipped when the engine quantizes on load or offloads to the CPU.
        /// </summary>
        private static void AnalyzeCheckpoint(PlanContext c)
        {
            var p = c.Plan;
            if (p.CheckpointBytes == null || c.Manifest.Model.Weights != null || p.CpuOffloadBytes > 0) return;
            long capacity = p.Gpu.MemoryBytes;
            long budget = Estimation.MemoryEstimator.Budget(p, capacity);
            long perGpu = p.CheckpointBytes.Value / ((long)p.Tensor * p.Pipeline);
            if (perGpu <= budget) return;
            long gpusNeeded = budget > 0 ? (p.CheckpointBytes.Value + budget - 1) / budget : 0;
            c.Report(Rule, c.SpanOf(c.Manifest.Hardware.Gpu, c.Manifest.Hardware.KeySpan),
                $"the checkpoint stores {Units.GiB(p.CheckpointBytes.Value)} of weights ({Plans.ModelStore.SafetensorsIndex} total_size), at least {Units.GiB(perGpu)} per GPU " +
                $"at TP {p.Tensor} x PP {p.Pipeline}, but {p.Gpu.Id} has {Units.GiB(budget)} for the engine; the weights alone need at least {gpusNeeded} x {p.Gpu.Id} per replica");
        }
    }
}
