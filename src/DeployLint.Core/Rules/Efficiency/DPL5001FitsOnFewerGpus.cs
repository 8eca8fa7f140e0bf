using DeployLint.Planning;

namespace DeployLint.Rules.Efficiency
{
    /// <summary>DPL5001: a replica on fewer GPUs would run and meet the same targets.</summary>
    public sealed class FitsOnFewerGpus : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL5001",
            "Fits on fewer GPUs",
            RuleCategory.Efficiency,
            Severity.Info,
            "A replica with fewer GPUs (smaller TP x PP) fits in memory, holds the declared concurrency at maxModelLen and meets the declared latency targets; the extra GPUs could serve another replica.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            int perReplica = p.Tensor * p.Pipeline;
            if (perReplica <= 1 || c.Diagnostics.HasErrors) return;
            LayoutCandidate? best = null;
            for (int gpus = 1; gpus < perReplica && best == null; gpus *= 2)
            {
                if (perReplica % gpus != 0) continue;
                foreach (int tp in LayoutPlanner.Divisors(gpus))
                {
                    int pp = gpus / tp;
                    if (tp > p.GpusPerNode || pp > p.Architecture.LayerCount) continue;
                    var candidate = LayoutPlanner.Evaluate(p.WithLayout(tp, pp, 1, 1).WithHardware((gpus + p.GpusPerNode - 1) / p.GpusPerNode, System.Math.Min(gpus, p.GpusPerNode)), c.Catalog,
                        p.MaxConcurrentSequencesDeclared ? p.MaxConcurrentSequences : 1);
                    bool holds = !p.MaxConcurrentSequencesDeclared || candidate.Memory.MaxConcurrentSequencesAtMaxModelLen >= p.MaxConcurrentSequences;
                    if (candidate.Feasible && candidate.MeetsTargets && holds && (best == null || LayoutPlanner.Compare(candidate, best) < 0)) best = candidate;
                }
            }
            if (best == null) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan ?? c.Manifest.Hardware.Gpu?.Span),
                $"a replica fits on {best.Plan.Tensor * best.Plan.Pipeline} x {p.Gpu.Id} ({best.Layout}: {Units.GiB(best.Memory.WeightsBytes)} weights and {Units.GiB(best.Memory.KvCacheBytes)} KV per GPU, " +
                $"{Units.Number(best.Memory.ConcurrencyAtMaxModelLen)}x maxModelLen, TPOT {Units.Milliseconds(best.Time.TpotSeconds)}); this plan uses {perReplica} per replica");
        }
    }
}
