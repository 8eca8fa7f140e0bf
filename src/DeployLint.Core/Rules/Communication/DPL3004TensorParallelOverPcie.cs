using DeployLint.Catalog;

namespace DeployLint.Rules.Communication
{
    /// <summary>DPL3004: tensor parallelism over PCIe (no NVLink between the GPUs).</summary>
    public sealed class TensorParallelOverPcie : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL3004",
            "Tensor parallelism over PCIe",
            RuleCategory.Communication,
            Severity.Info,
            "Without NVLink, TP all-reduces go over PCIe through the host (and vLLM's custom all-reduce is disabled); this works and is common on L40S / RTX boxes, but costs a share of every step that the note quantifies.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var link = c.Time.TensorParallelLink;
            if (link == null || link.Kind != LinkKind.Pcie) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                $"TP {p.Tensor} all-reduces over {link.Id} ({Units.Number(link.GBpsPerDirection)} GB/s per GPU): {Units.Milliseconds(c.Time.DecodeTensorParallelSeconds)} of every " +
                $"{Units.Milliseconds(c.Time.TpotSeconds)} decode step ({Units.Percent(c.Time.Decode.CommShare)}) and {Units.Milliseconds(c.Time.Prefill.CommSeconds)} of the prefill");
        }
    }
}
