namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4002: KV heads can be neither split evenly nor replicated evenly over the TP group.</summary>
    public sealed class KeyValueHeadsNotDivisible : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4002",
            "Key/value heads incompatible with tensor-parallel size",
            RuleCategory.Divisibility,
            Severity.Error,
            "With TP below the KV-head count each GPU takes an equal share of KV heads (KV heads % TP == 0); above it each KV head is replicated an equal number of times (TP % KV heads == 0). Anything else cannot be sharded.");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var a = p.Architecture;
            if (p.Tensor <= 1 || a.FirstAttentionLayout?.Kind != Models.AttentionKind.Gqa) return;
            long kv = a.KeyValueHeads;
            bool ok = p.Tensor >= kv ? p.Tensor % kv == 0 : kv % p.Tensor == 0;
            if (ok) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                $"{p.ModelId} has {kv} key/value heads, which TP {p.Tensor} can neither split evenly ({kv} % {p.Tensor} != 0) nor replicate evenly ({p.Tensor} % {kv} != 0)");
        }
    }
}
