namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4004: the routed experts cannot be split evenly over the expert-parallel ranks.</summary>
    public sealed class ExpertsNotDivisible : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4004",
            "Experts not divisible by expert-parallel size",
            RuleCategory.Divisibility,
            Severity.Error,
            "Expert parallelism places an equal number of routed experts on each EP rank; the expert count must be a multiple of EP.");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var moe = p.Architecture.Moe;
            if (moe == null || p.Expert <= 1 || moe.RoutedExperts % p.Expert == 0) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Expert, c.Manifest.Parallelism.KeySpan),
                $"{p.ModelId} has {moe.RoutedExperts} routed experts per MoE layer, which EP {p.Expert} cannot split evenly; use EP {AttentionHeadsNotDivisible.ValidSizes(moe.RoutedExperts, p.Tensor * p.Data)}");
        }
    }
}
