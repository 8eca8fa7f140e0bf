namespace DeployLint.Rules.Communication
{
    /// <summary>DPL3001: the GPUs declared do not equal TP x PP x DP.</summary>
    public sealed class GpuCountMismatch : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL3001",
            "GPU count does not match the parallel layout",
            RuleCategory.Communication,
            Severity.Error,
            "nodes x gpusPerNode must equal TP x PP x DP (EP is carved out of TP x DP and adds no GPUs); otherwise GPUs sit idle or the engine waits for ranks that never come.");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override bool NeedsModel => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            long layout = (long)p.Tensor * p.Pipeline * p.Data;
            if (layout == p.TotalGpus) return;
            string hint = p.TotalGpus % (p.Tensor * p.Pipeline) == 0
                ? $"; with TP {p.Tensor} x PP {p.Pipeline}, set data: {p.TotalGpus / (p.Tensor * p.Pipeline)}"
                : "";
            var span = c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan ?? c.Manifest.Hardware.KeySpan);
            if (layout < p.TotalGpus)
            {
                // The engine starts on the first TP x PP x DP GPUs it sees and serves; the rest sit idle: waste, a warning,
                // whichever file format says it.
                string has = c.Manifest.IsForeign ? "the pod requests" : "the hardware has";
                c.Report(Rule, Severity.Warning, c.Manifest.IsForeign ? c.SpanOf(c.Manifest.Hardware.GpusPerNode, span) : span,
                    $"{has} {p.Nodes} x {p.GpusPerNode} = {p.TotalGpus} GPUs but TP {p.Tensor} x PP {p.Pipeline} x DP {p.Data} uses {layout}; {p.TotalGpus - layout} GPU(s) stay idle{hint}",
                    hint.Length > 0 ? c.Manifest.Parallelism.Data : null, $"Set data to {p.TotalGpus / (p.Tensor * p.Pipeline)}", (p.TotalGpus / (p.Tensor * p.Pipeline)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            }
            c.Report(Rule, Rule.DefaultSeverity, span,
                $"the hardware has {p.Nodes} x {p.GpusPerNode} = {p.TotalGpus} GPUs but TP {p.Tensor} x PP {p.Pipeline} x DP {p.Data} needs {layout}; the engine waits for ranks that never come{hint}",
                hint.Length > 0 ? c.Manifest.Parallelism.Data : null, $"Set data to {p.TotalGpus / (p.Tensor * p.Pipeline)}", (p.TotalGpus / (p.Tensor * p.Pipeline)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
