using System.Collections.Generic;

namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4001: the attention heads cannot be split evenly over the tensor-parallel group.</summary>
    public sealed class AttentionHeadsNotDivisible : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4001",
            "Attention heads not divisible by tensor-parallel size",
            RuleCategory.Divisibility,
            Severity.Error,
            "Tensor parallelism gives each GPU an equal share of the attention heads; engines refuse a TP size that does not divide the head count (vLLM: 'Total number of attention heads (52) must be divisible by tensor parallel size (3).').");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            long heads = p.Architecture.AttentionHeads;
            if (p.Tensor <= 1 || heads % p.Tensor == 0) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                $"Total number of attention heads ({heads}) must be divisible by tensor parallel size ({p.Tensor}); {p.ModelId} can use TP {ValidSizes(heads, p.TotalGpus)}");
        }

        internal static string ValidSizes(long count, int maxGpus)
        {
            var sizes = new List<string>();
            for (int tp = 1; tp <= System.Math.Max(maxGpus, 8) && tp <= count; tp++)
            {
                if (count % tp == 0) sizes.Add(tp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return string.Join(", ", sizes);
        }
    }
}
