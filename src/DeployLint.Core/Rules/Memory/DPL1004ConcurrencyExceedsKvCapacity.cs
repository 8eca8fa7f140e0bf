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
            "maxConcurrentSequences requests of maxModelLen tokens do not fit in the KV cache at once; the engine starts but queues or preempts requests when they are long. " +
            "A warning when the declared request length (slo.inputTokens + slo.outputTokens) does not fit either; information when only the maxModelLen worst case does not.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var m = c.Memory;
            var p = c.Plan;
            if (!p.MaxConcurrentSequencesDeclared || m.KvBudgetBytes <= 0 || m.KvBytesPerMaxLenRequest > m.KvCacheBytes) return;
            long holds = m.MaxConcurrentSequencesAtMaxModelLen;
            if (p.MaxConcurrentSequences <= holds) return;
            string capacity = $"maxConcurrentSequences is {Units.Count(p.MaxConcurrentSequences)}, but the KV cache ({Units.GiB(m.KvCacheBytes)} per GPU, {Units.Count(m.MaxTokensInKvCache)} tokens) " +
                              $"holds {holds} requests of maxModelLen {Units.Count(p.MaxModelLen)} tokens ({Units.Number(m.ConcurrencyAtMaxModelLen)}x)";
            var span = c.SpanOf(c.Manifest.Serving.MaxConcurrentSequences);
            long declared = p.InputTokens > 0 || p.OutputTokens > 0 ? System.Math.Min(p.MaxModelLen, p.InputTokens + p.OutputTokens) : 0;
            if (declared > 0 && m.MaxTokensInKvCache / declared * m.AttentionData < p.MaxConcurrentSequences)
            {
                // The declared workload itself does not fit: requests queue or are preempted at the load the plan states.
                long fit = m.MaxTokensInKvCache / declared * m.AttentionData;
                c.Report(Rule, Severity.Warning, span,
                    $"{capacity}, and of the declared {Units.Count(p.InputTokens)} + {Units.Count(p.OutputTokens)} tokens per request it holds {Units.Count(fit)}: requests will queue or be preempted at this load. " +
                    $"Lower maxConcurrentSequences to {fit}, shorten requests, or add memory (fp8 KV cache, more GPUs)",
                    c.Manifest.Serving.MaxConcurrentSequences, $"Set maxConcurrentSequences to {fit}", fit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            }
            string load = declared > 0
                ? $"; the declared {Units.Count(p.InputTokens)} + {Units.Count(p.OutputTokens)} tokens per request all fit, so only requests near maxModelLen would queue"
                : "; only that worst case, every request at maxModelLen, would queue (declare slo.inputTokens and slo.outputTokens, or a deploylint.io/slo annotation on a workload, to check the expected load)";
            c.Report(Rule, Severity.Info, span,
                $"{capacity}{load}. Lower maxConcurrentSequences to {holds}, lower maxModelLen, or add memory (fp8 KV cache, more GPUs) if long requests must not wait",
                c.Manifest.Serving.MaxConcurrentSequences, $"Set maxConcurrentSequences to {holds}", holds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
