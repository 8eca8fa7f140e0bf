namespace DeployLint.Rules.Compute
{
    /// <summary>DPL2001: the time to first token the hardware can reach is above the target.</summary>
    public sealed class TtftUnreachable : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL2001",
            "TTFT target unreachable",
            RuleCategory.Compute,
            Severity.Error,
            "Even without queueing, prefilling slo.inputTokens and producing the first token takes longer than slo.ttftMs at realistic utilisation of this hardware.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var t = c.Time;
            if (p.TtftMs == null || t.TtftSeconds * 1000 <= p.TtftMs.Value) return;
            var pre = t.Prefill;
            c.Report(Rule, c.Manifest.Slo.TtftMs!.Span,
                $"TTFT needs {Units.Milliseconds(t.TtftSeconds)} but the target is {Units.Number(p.TtftMs.Value)} ms: prefill of {Units.Count(t.InputTokens)} tokens takes {Units.Milliseconds(pre.Seconds)}, bound by {pre.DominantName} " +
                $"({Units.Number(pre.Flops / 1e12, "0.#")} TFLOP per GPU at {Units.Number(Estimation.TimeEstimator.PeakFlops(p) * Estimation.TimeEstimator.PrefillMfu(p, c.Catalog.Efficiency) / 1e12, "0")} TFLOPS achievable on {p.Gpu.Id}" +
                (pre.CommSeconds > 0 ? $"; {Units.Milliseconds(pre.CommSeconds)} communicating" : "") + ")" +
                (t.PrefillQueueSeconds + t.StepResidualSeconds > 0
                    ? $", and at {t.DecodeBatch} concurrent requests a prompt also waits {Units.Milliseconds(t.StepResidualSeconds + t.PrefillQueueSeconds)} for the running step and other prompts' prefills"
                    : "") +
                (t.AdmissionWaitSeconds > 0
                    ? $", and {Units.Milliseconds(t.AdmissionWaitSeconds + t.BatchedPrefillSeconds)} before the engine admits and batches it ({Estimation.TimeEstimator.AdmissionSetting(p)})"
                    : "") +
                ". Raise TP, use fp8 compute, shorten the prompt" + (t.DecodeBatch > 1 ? ", or lower the concurrency" : "") +
                (t.AdmissionWaitSeconds > 0 ? (p.Engine == Plans.ServingEngine.Sglang ? ", or poll for requests more often" : ", or hold prompts for fewer iterations") : ""));
        }
    }
}
