namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4006: expert parallelism that the layout cannot host (EP does not divide TP x DP, or the model has no experts).</summary>
    public sealed class ExpertParallelLayout : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4006",
            "Expert-parallel size does not fit the layout",
            RuleCategory.Divisibility,
            Severity.Error,
            "EP ranks are taken from the TP x DP GPUs of a pipeline stage, so EP must divide TP x DP, and either divide TP (experts split inside each replica: SGLang, TensorRT-LLM) or be a multiple of it (experts spread over DP replicas: vLLM DP + EP); EP on a dense model does nothing.");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            if (p.Expert <= 1) return;
            var span = c.SpanOf(c.Manifest.Parallelism.Expert, c.Manifest.Parallelism.KeySpan);
            if (p.Architecture.Moe == null)
            {
                c.Report(Rule, Severity.Warning, span, $"expert parallel size {p.Expert} has no effect: {p.ModelId} is a dense model without routed experts; remove parallelism.expert");
                return;
            }
            int group = p.Tensor * p.Data;
            if (group % p.Expert != 0)
            {
                c.Report(Rule, span, $"expert parallel size {p.Expert} must divide TP x DP = {p.Tensor} x {p.Data} = {group}: EP ranks are taken from the GPUs of one pipeline stage, it does not add GPUs");
            }
            else if (p.Tensor % p.Expert != 0 && p.Expert % p.Tensor != 0)
            {
                c.Report(Rule, span, $"expert parallel size {p.Expert} must divide TP {p.Tensor} (experts split inside each replica) or be a multiple of it (experts spread over DP replicas)");
            }
        }
    }
}
