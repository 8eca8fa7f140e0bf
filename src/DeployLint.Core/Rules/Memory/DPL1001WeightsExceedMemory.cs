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

        public override void Analyze(PlanContext c)
        {
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
            c.Report(Rule, c.SpanOf(c.Manifest.Hardware.Gpu, c.Manifest.Hardware.KeySpan),
                $"needs {Units.GiB(m.WeightsBytes)} of {p.WeightsFormat} weights per GPU{stage} at TP {p.Tensor} x PP {p.Pipeline}, " +
                $"but {p.Gpu.Id} has {Units.GiB(m.BudgetBytes)} for the engine ({Units.GiB(m.CapacityBytes)} x {Units.Number(p.GpuMemoryUtilization)}){fix}");
        }
    }
}
