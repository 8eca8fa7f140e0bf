namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4003: more pipeline stages than decoder layers.</summary>
    public sealed class PipelineExceedsLayers : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4003",
            "Pipeline-parallel size exceeds the number of layers",
            RuleCategory.Divisibility,
            Severity.Error,
            "Pipeline parallelism gives each stage a contiguous block of decoder layers; with more stages than layers some stages get none.");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            if (p.Pipeline <= p.Architecture.LayerCount) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Pipeline, c.Manifest.Parallelism.KeySpan),
                $"pipeline parallel size {p.Pipeline} exceeds the {p.Architecture.LayerCount} decoder layers of {p.ModelId}; use PP <= {p.Architecture.LayerCount}");
        }
    }
}
