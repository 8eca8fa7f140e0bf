namespace DeployLint.Rules.Communication
{
    /// <summary>DPL3005: collectives take more than slo.maxCommShare (default 30%) of a decode step.</summary>
    public sealed class CommunicationShareHigh : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL3005",
            "Communication share of a decode step too high",
            RuleCategory.Communication,
            Severity.Warning,
            "The estimated share of a decode step spent in TP all-reduces, EP all-to-alls and PP sends exceeds slo.maxCommShare (default 0.30): the GPUs wait on the network for that share of every token.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var t = c.Time;
            double share = t.Decode.CommShare;
            if (share <= p.MaxCommShare) return;
            string parts = $"TP all-reduce {Units.Milliseconds(t.DecodeTensorParallelSeconds)}";
            if (t.DecodeExpertParallelSeconds > 0) parts += $", EP all-to-all {Units.Milliseconds(t.DecodeExpertParallelSeconds)}";
            if (t.DecodePipelineSeconds > 0) parts += $", PP send {Units.Milliseconds(t.DecodePipelineSeconds)}";
            c.Report(Rule, c.SpanOf(c.Manifest.Slo.MaxCommShare, c.Manifest.Parallelism.Tensor?.Span ?? c.Manifest.Parallelism.KeySpan),
                $"communication is {Units.Percent(share)} of a {Units.Milliseconds(t.Decode.Seconds)} decode step ({parts}), above the {Units.Percent(p.MaxCommShare)} limit; " +
                "use fewer TP ranks per replica (more DP), keep groups inside a node, or raise slo.maxCommShare");
        }
    }
}
