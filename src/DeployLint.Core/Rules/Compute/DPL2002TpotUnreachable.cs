namespace DeployLint.Rules.Compute
{
    /// <summary>DPL2002: the time per output token at the declared concurrency is above the target.</summary>
    public sealed class TpotUnreachable : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL2002",
            "TPOT target unreachable",
            RuleCategory.Compute,
            Severity.Error,
            "One decode step at the declared concurrency takes longer than slo.tpotMs: reading the weights and KV cache from HBM, the FLOPs, or the per-layer collectives cannot go faster on this hardware.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var t = c.Time;
            if (p.TpotMs == null || t.TpotSeconds * 1000 <= p.TpotMs.Value) return;
            var d = t.Decode;
            string bound = d.Dominant switch
            {
                Estimation.Bound.Memory => $"HBM bandwidth ({Units.Number(d.Bytes / 1e9, "0.#")} GB read per GPU per step at {Units.Number(Estimation.TimeEstimator.AchievableBandwidthGBps(p, c.Catalog.Efficiency), "0")} GB/s achievable)",
                Estimation.Bound.Compute => $"compute ({Units.Number(d.Flops / 1e12, "0.##")} TFLOP per GPU per step)",
                Estimation.Bound.Kernels => $"its kernels ({d.Kernels:N0} launches at {Units.Number(Estimation.TimeEstimator.KernelFloorMicroseconds(p, c.Catalog.Efficiency))} us each, however small the batch)",
                Estimation.Bound.Host => $"the host's dispatch of {d.Kernels:N0} kernels without a CUDA graph ({Units.Milliseconds(d.HostLaunchSeconds)}); let the engine capture graphs",
                _ => $"the interconnect ({Units.Milliseconds(d.CommSeconds)} of collectives per step over {t.TensorParallelLink?.Id ?? t.ExpertParallelLink?.Id ?? t.PipelineLink?.Id})",
            };
            c.Report(Rule, c.Manifest.Slo.TpotMs!.Span,
                $"TPOT at {t.DecodeBatch} concurrent sequence{(t.DecodeBatch == 1 ? "" : "s")} needs {Units.Milliseconds(t.TpotSeconds)} but the target is {Units.Number(p.TpotMs.Value)} ms; " +
                $"the step is bound by {bound}. Lower the concurrency, raise TP, or use a smaller weight format");
        }
    }
}
