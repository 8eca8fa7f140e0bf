using DeployLint.Estimation;

namespace DeployLint.Rules.Communication
{
    /// <summary>DPL3003: a tensor-parallel group crosses nodes over TCP Ethernet.</summary>
    public sealed class TensorParallelOverTcp : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL3003",
            "Tensor-parallel group over TCP Ethernet",
            RuleCategory.Communication,
            Severity.Warning,
            "Without RDMA, NCCL falls back to TCP sockets: tens of microseconds per hop and a few GB/s, on two all-reduces per layer per step. Tensor parallelism across such a link makes decoding collective-bound. The engine still starts and serves, slowly, so this is a warning; declare slo.tpotMs to fail the build on the latency it costs (DPL2002).");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var link = c.Time.TensorParallelLink;
            if (link == null || !Topology.SpansNodes(p, p.Tensor) || !Topology.IsTcpEthernet(link)) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                $"TP {p.Tensor} crosses nodes over {link.Id} (TCP, {Units.Number(link.GBpsPerDirection)} GB/s, ~{Units.Number(link.HopLatencyMicroseconds)} us per hop): all-reduces take " +
                $"{Units.Milliseconds(c.Time.DecodeTensorParallelSeconds)} of every {Units.Milliseconds(c.Time.TpotSeconds)} decode step ({Units.Percent(c.Time.Decode.CommShare)}). " +
                TensorParallelSpansNodes.Suggestion(p) + ", or use an RDMA network (InfiniBand, RoCE)");
        }
    }
}
