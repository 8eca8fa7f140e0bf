using DeployLint.Estimation;

namespace DeployLint.Rules.Communication
{
    /// <summary>DPL3002: a tensor-parallel group crosses nodes over RDMA (InfiniBand / RoCE): every layer all-reduces over the NIC.</summary>
    public sealed class TensorParallelSpansNodes : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL3002",
            "Tensor-parallel group spans nodes",
            RuleCategory.Communication,
            Severity.Warning,
            "Tensor parallelism all-reduces twice per layer; inside a node that runs over NVLink (hundreds of GB/s per GPU), across nodes over one NIC per GPU (25-100 GB/s) with network latency on every hop. Keep TP inside a node (or an NVLink domain) and use PP or DP across nodes.");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override bool NeedsModel => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            if ((long)p.Tensor * p.Pipeline * p.Data > p.TotalGpus) return; // DPL3001 reports the layout that does not fit
            if (!c.HasEstimate && !p.HardwareKnown)
            {
                if (p.Nodes <= 1 || !Topology.SpansNodes(p, p.Tensor)) return;
                c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                    $"TP {p.Tensor} spans {(p.Tensor + p.GpusPerNode - 1) / p.GpusPerNode} nodes of {p.GpusPerNode} GPU(s), so every layer's all-reduces cross the network between nodes. {Suggestion(p)}");
                return;
            }
            var link = c.HasEstimate ? c.Time.TensorParallelLink : Topology.TensorParallelLink(p);
            if (link == null || !Topology.SpansNodes(p, p.Tensor) || Topology.IsTcpEthernet(link)) return;
            int domain = Topology.FastDomainSize(p);
            string crossing = $"TP {p.Tensor} spans {(p.Tensor + domain - 1) / domain} nodes of {domain} GPUs, so its all-reduces cross {link.Id} " +
                $"({Units.Number(link.GBpsPerDirection)} GB/s per GPU vs {Units.Number(p.IntraNodeLink.GBpsPerDirection)} GB/s on {p.IntraNodeLink.Id})";
            // Without an estimate (the model is unknown) the link is known, the time it costs is not.
            string cost = c.HasEstimate
                ? $": {Units.Milliseconds(c.Time.DecodeTensorParallelSeconds)} of every {Units.Milliseconds(c.Time.TpotSeconds)} decode step ({Units.Percent(c.Time.Decode.CommShare)})"
                : "";
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan), $"{crossing}{cost}. {Suggestion(p)}");
        }

        internal static string Suggestion(Plans.DeploymentPlan p)
        {
            int domain = Topology.FastDomainSize(p);
            if (p.Tensor % domain == 0 && p.Tensor / domain > 1)
            {
                return $"TP {domain} x PP {p.Pipeline * (p.Tensor / domain)} keeps all-reduce {(p.HardwareKnown ? "on " + p.IntraNodeLink.Id : "inside a node")}";
            }
            return $"Keep TP at most {domain} (one node) and use PP or DP across nodes";
        }
    }
}
