using System;
namespace DeployLint.Rules.Memory
{
    /// <summary>
    /// DPL1003: the KV cache cannot hold a single request of maxModelLen tokens. vLLM refuses to start (an error); SGLang
    /// starts and caps requests at the pool, TensorRT-LLM starts and lowers max_seq_len (warnings).
    /// </summary>
    public sealed class MaxModelLenExceedsKvCapacity : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL1003",
            "KV cache cannot hold one request of maxModelLen",
            RuleCategory.Memory,
            Severity.Error,
            "The KV cache left after weights and activations is smaller than one request of maxModelLen tokens needs. vLLM refuses to start ('To serve at least one request with the models's max seq len ... KV cache is needed, which is larger than the available KV cache memory'): an error. SGLang starts and caps every request at the pool (max_req_len = min(context_len - 1, max_total_num_tokens - 1)), and TensorRT-LLM starts and lowers max_seq_len ('Adjusted max_seq_len to ...'): a warning, since they serve, but not the declared length.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var m = c.Memory;
            var p = c.Plan;
            if (m.KvBudgetBytes <= 0 || m.KvBytesPerMaxLenRequest <= m.KvCacheBytes) return;
            long fits = m.KvBytesPerToken > 0 ? m.LongestRequestInKvCache : 0;
            if (c.Manifest.Serving.MaxModelLenAuto != null)
            {
                c.Report(Rule, Severity.Info, c.Manifest.Serving.MaxModelLenAuto.Span,
                    $"--max-model-len auto: the model's {Units.Count(p.MaxModelLen)} tokens need {Units.GiB(m.KvBytesPerMaxLenRequest)} of KV cache per GPU but {Units.GiB(m.KvCacheBytes)} is left, " +
                    $"so vLLM will reduce max_model_len to about {Units.Count(fits)} tokens at start-up");
                return;
            }
            var at = c.SpanOf(c.Manifest.Serving.MaxModelLen, c.Manifest.Serving.KeySpan ?? c.Manifest.Model.Id?.Span);
            if (p.Engine == Plans.ServingEngine.Sglang)
            {
                // SGLang starts with any positive pool and caps each request at it (scheduler: max_req_len =
                // min(context_len - 1, max_total_num_tokens - 1)); longer prompts are refused one by one.
                c.Report(Rule, Severity.Warning, at,
                    $"one request of maxModelLen {Units.Count(p.MaxModelLen)} tokens needs {Units.GiB(m.KvBytesPerMaxLenRequest)} of KV cache per GPU, but the pool holds {Units.GiB(m.KvCacheBytes)} ({Units.Count(fits)} tokens); " +
                    $"SGLang starts, but caps every request at {Units.Count(Math.Max(0, fits - 1))} tokens and rejects longer ones. " +
                    $"{NoMemoryForKvCache.Fraction(p, m)}Set maxModelLen to at most {Units.Count(fits)}, use an fp8 KV cache, or add GPUs");
                return;
            }
            if (p.Engine == Plans.ServingEngine.Trtllm)
            {
                // TensorRT-LLM shrinks the attention window and max_seq_len to what the blocks hold ("Adjusted max_seq_len to N").
                c.Report(Rule, Severity.Warning, at,
                    $"one request of max_seq_len {Units.Count(p.MaxModelLen)} tokens needs {Units.GiB(m.KvBytesPerMaxLenRequest)} of KV cache per GPU, but the pool holds {Units.GiB(m.KvCacheBytes)} ({Units.Count(fits)} tokens); " +
                    $"TensorRT-LLM starts and lowers max_seq_len to about {Units.Count(fits)} ('Adjusted max_seq_len to ...'). Set max_seq_len to at most {Units.Count(fits)}, raise free_gpu_memory_fraction, use an fp8 KV cache, or add GPUs");
                return;
            }
            c.Report(Rule, at,
                $"one request of maxModelLen {Units.Count(p.MaxModelLen)} tokens needs {Units.GiB(m.KvBytesPerMaxLenRequest)} of KV cache per GPU, " +
                $"but only {Units.GiB(m.KvCacheBytes)} is left ({Units.Count(fits)} tokens); the engine refuses to start. " +
                $"{NoMemoryForKvCache.Fraction(p, m)}Set maxModelLen to at most {Units.Count(fits)}, raise gpuMemoryUtilization, use an fp8 KV cache, or add GPUs");
        }
    }
}
