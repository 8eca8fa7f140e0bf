namespace DeployLint.Rules.Memory
{
    /// <summary>DPL1003: the KV cache cannot hold a single request of maxModelLen tokens (vLLM refuses to start).</summary>
    public sealed class MaxModelLenExceedsKvCapacity : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL1003",
            "KV cache cannot hold one request of maxModelLen",
            RuleCategory.Memory,
            Severity.Error,
            "The KV cache left after weights and activations is smaller than one request of maxModelLen tokens needs; vLLM refuses to start ('To serve at least one request with the models's max seq len ... KV cache is needed, which is larger than the available KV cache memory').");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var m = c.Memory;
            var p = c.Plan;
            if (m.KvBudgetBytes <= 0 || m.KvBytesPerMaxLenRequest <= m.KvCacheBytes) return;
            long fits = m.KvBytesPerToken > 0 ? m.MaxTokensInKvCache : 0;
            if (c.Manifest.Serving.MaxModelLenAuto != null)
            {
                c.Report(Rule, Severity.Info, c.Manifest.Serving.MaxModelLenAuto.Span,
                    $"--max-model-len auto: the model's {Units.Count(p.MaxModelLen)} tokens need {Units.GiB(m.KvBytesPerMaxLenRequest)} of KV cache per GPU but {Units.GiB(m.KvCacheBytes)} is left, " +
                    $"so vLLM will reduce max_model_len to about {Units.Count(fits)} tokens at start-up");
                return;
            }
            c.Report(Rule, c.SpanOf(c.Manifest.Serving.MaxModelLen, c.Manifest.Serving.KeySpan ?? c.Manifest.Model.Id?.Span),
                $"one request of maxModelLen {Units.Count(p.MaxModelLen)} tokens needs {Units.GiB(m.KvBytesPerMaxLenRequest)} of KV cache per GPU, " +
                $"but only {Units.GiB(m.KvCacheBytes)} is left ({Units.Count(fits)} tokens); the engine refuses to start. " +
                $"{NoMemoryForKvCache.Fraction(p, m)}Set maxModelLen to at most {Units.Count(fits)}, raise gpuMemoryUtilization, use an fp8 KV cache, or add GPUs");
        }
    }
}
