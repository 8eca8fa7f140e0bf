using DeployLint.Estimation;

namespace DeployLint.Rules.Communication
{
    /// <summary>DPL3006: the expert-parallel all-to-all crosses nodes.</summary>
    public sealed class ExpertParallelAcrossNodes : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL3006",
            "Expert-parallel all-to-all crosses nodes",
            RuleCategory.Communication,
            Severity.Warning,
            "Each MoE layer dispatches tokens to the ranks holding their experts and combines the results (two all-to-alls per layer) where a rank holds tokens the others lack (EP across DP replicas, attention DP); when that EP group spans nodes, most of the traffic crosses the NIC.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var link = c.Time.ExpertParallelLink;
            if (link == null || !Topology.SpansNodes(p, p.ExpertGroupSize)) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Expert, c.Manifest.Parallelism.KeySpan),
                $"EP {p.Expert} spans nodes, so dispatch and combine cross {link.Id} ({Units.Number(link.GBpsPerDirection)} GB/s per GPU) in every MoE layer: " +
                $"{Units.Milliseconds(c.Time.DecodeExpertParallelSeconds)} of a {Units.Milliseconds(c.Time.TpotSeconds)} decode step. Fine with a fast RDMA fabric and large batches; otherwise keep EP inside a node");
        }
    }
}
