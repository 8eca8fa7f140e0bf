namespace DeployLint.Rules.Memory
{
    /// <summary>DPL1004: the declared concurrency of maxModelLen requests does not fit in the KV cache.</summary>
    public sealed class ConcurrencyExceedsKvCapacity : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL1004",
            "Declared concurrency exceeds KV-cache capacity",
            RuleCategory.Memory,
            Severity.Warning,
            "maxConcurrentSequences requests of maxModelLen tokens do not fit in the KV cache at once; the engine starts but queues or preempts requests when they are long.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var m = c.Memory;
            var p = c.Plan;
            if (!p.MaxConcurrentSequencesDeclared || m.KvBudgetBytes <= 0 || m.KvBytesPerMaxLenRequest > m.KvCacheBytes) return;
            long holds = m.MaxConcurrentSequencesAtMaxModelLen;
            if (p.MaxConcurrentSequences <= holds) return;
            c.Report(Rule, Rule.DefaultSeverity, c.SpanOf(c.Manifest.Serving.MaxConcurrentSequences),
                $"maxConcurrentSequences is {Units.Count(p.MaxConcurrentSequences)}, but the KV cache ({Units.GiB(m.KvCacheBytes)} per GPU, {Units.Count(m.MaxTokensInKvCache)} tokens) " +
                $"holds {holds} requests of maxModelLen {Units.Count(p.MaxModelLen)} tokens ({Units.Number(m.ConcurrencyAtMaxModelLen)}x); longer requests will queue or be preempted. " +
                $"Lower maxConcurrentSequences to {holds}, lower maxModelLen, or add memory (fp8 KV cache, more GPUs)",
                c.Manifest.Serving.MaxConcurrentSequences, $"Set maxConcurrentSequences to {holds}", holds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
