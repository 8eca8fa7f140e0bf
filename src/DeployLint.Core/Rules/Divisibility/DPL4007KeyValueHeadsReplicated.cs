namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4007: TP is larger than the KV-head count, so KV heads (and their cache) are replicated.</summary>
    public sealed class KeyValueHeadsReplicated : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4007",
            "Key/value heads replicated across the tensor-parallel group",
            RuleCategory.Divisibility,
            Severity.Info,
            "With TP above the KV-head count every GPU keeps one whole KV head, so the group stores each head's cache several times; KV capacity per GPU stops growing with TP.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var a = p.Architecture;
            if (a.FirstAttentionLayout?.Kind != Models.AttentionKind.Gqa) return;
            long kv = a.KeyValueHeads;
            if (p.Tensor <= kv || p.Tensor % kv != 0) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                $"TP {p.Tensor} exceeds the {kv} key/value heads of {p.ModelId}: each KV head is replicated on {p.Tensor / kv} GPUs, so the KV cache per token per GPU is " +
                $"{Units.Count(c.Memory.KvBytesPerToken)} bytes, as at TP {kv}");
        }
    }
}
