namespace DeployLint.Rules.Memory
{
    /// <summary>DPL1002: the weights fit, but activations and runtime overhead leave nothing for the KV cache.</summary>
    public sealed class NoMemoryForKvCache : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL1002",
            "No memory left for the KV cache",
            RuleCategory.Memory,
            Severity.Error,
            "After weights, the activation peak and runtime overhead, the engine's budget leaves no memory for KV-cache blocks; vLLM stops with 'No available memory for the cache blocks', SGLang with 'Not enough memory'.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var m = c.Memory;
            var p = c.Plan;
            if (m.WeightsBytes > m.BudgetBytes || m.KvBudgetBytes > 0) return;
            var s = m.BindingStage;
            string terms = p.Engine == Plans.ServingEngine.Sglang
                ? $"{Units.GiB(s.WeightsBytes)} weights"
                : $"{Units.GiB(s.WeightsBytes)} weights + {Units.GiB(s.ActivationBytes)} activation peak + {Units.GiB(s.OverheadBytes)} runtime overhead";
            c.Report(Rule, c.SpanOf(c.Manifest.Serving.GpuMemoryUtilization, c.Manifest.Hardware.Gpu?.Span),
                $"no memory left for the KV cache: {terms} = {Units.GiB(m.BudgetBytes - s.KvBudgetBytes)} of a {Units.GiB(m.BudgetBytes)} budget " +
                $"({m.BudgetRule}); the KV cache would be {Units.GiB(s.KvBudgetBytes)}. {EngineWords(p)}{Fraction(p, m)}Use more GPUs per replica, a smaller weight format, " +
                "or a lower maxBatchedTokens / maxConcurrentSequences");
        }

        /// <summary>How the engine refuses, in its own words (vLLM gpu_worker / kv_cache_utils, SGLang model_runner.init_memory).</summary>
        private static string EngineWords(Plans.DeploymentPlan p) => p.Engine switch
        {
            Plans.ServingEngine.Vllm => "vLLM stops with 'No available memory for the cache blocks'. ",
            Plans.ServingEngine.Sglang => $"SGLang stops with 'Not enough memory. Please try to increase --mem-fraction-static. Current value: {Units.Number(p.GpuMemoryUtilization)}'. ",
            _ => "",
        };

        internal static string Fraction(Plans.DeploymentPlan p, Estimation.MemoryEstimate m)
        {
            double? minimum = Estimation.MemoryEstimator.MinimumUtilization(p, m);
            if (minimum == null || minimum <= p.GpuMemoryUtilization) return "";
            string name = p.Engine == Plans.ServingEngine.Sglang ? "mem_fraction_static (gpuMemoryUtilization)" : "gpuMemoryUtilization";
            return $"{name} {Units.Number(minimum.Value)} would fit one maxModelLen request. ";
        }
    }
}
