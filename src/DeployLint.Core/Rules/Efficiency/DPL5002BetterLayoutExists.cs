using System.Linq;
using DeployLint.Planning;

namespace DeployLint.Rules.Efficiency
{
    /// <summary>DPL5002: another layout of the same GPUs serves markedly more tokens per GPU (or meets targets this one misses).</summary>
    public sealed class BetterLayoutExists : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL5002",
            "A better layout exists on the same hardware",
            RuleCategory.Efficiency,
            Severity.Info,
            "Among every (TP, PP, DP, EP) the declared GPUs allow, another layout meets the targets this one misses, or serves at least 25% more output tokens per second per GPU. 'deploylint suggest' lists them.");

        public override RuleDescriptor Descriptor => Rule;

        public const double Margin = 1.25;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            if (p.TotalGpus <= 1 || p.TotalGpus != p.Tensor * p.Pipeline * p.Data) return;
            var current = LayoutPlanner.Evaluate(p, c.Catalog, LayoutPlanner.LoadOf(p));
            if (!current.Feasible) return;
            var best = LayoutPlanner.Enumerate(p, c.Catalog).FirstOrDefault(x => x.Feasible);
            if (best == null || best.Layout == current.Layout) return;
            bool fixesTargets = best.MeetsTargets && !current.MeetsTargets;
            bool faster = best.MeetsTargets == current.MeetsTargets && best.TokensPerSecondPerGpu >= current.TokensPerSecondPerGpu * Margin;
            if (!fixesTargets && !faster) return;
            string why = fixesTargets ? "meets the latency targets this layout misses" :
                $"serves the same {Units.Count(current.Load)} concurrent sequences at {Units.Number(best.TokensPerSecondPerGpu, "0")} output tokens/s per GPU instead of {Units.Number(current.TokensPerSecondPerGpu, "0")}";
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                $"{best.Layout} on the same {p.TotalGpus} GPUs {why} (TPOT {Units.Milliseconds(best.Time.TpotSeconds)} vs {Units.Milliseconds(current.Time.TpotSeconds)}, " +
                $"TTFT {Units.Milliseconds(best.Time.TtftSeconds)} vs {Units.Milliseconds(current.Time.TtftSeconds)}); run 'deploylint suggest' for the ranking");
        }
    }
}
