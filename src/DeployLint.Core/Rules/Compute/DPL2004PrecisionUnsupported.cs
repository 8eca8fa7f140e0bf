using DeployLint.Estimation;

namespace DeployLint.Rules.Compute
{
    /// <summary>DPL2004: the GPU cannot run this format at all (BF16 before sm80, FP8/FP4 without even a weight-only fallback).</summary>
    public sealed class PrecisionUnsupported : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL2004",
            "Format unsupported on this GPU",
            RuleCategory.Compute,
            Severity.Error,
            "BF16 needs compute capability 8.0 (vLLM: 'Bfloat16 is only supported on GPUs with compute capability of at least 8.0'); FP8 and FP4 weights need at least the sm80 Marlin fallback; parts outside NVIDIA's stack support what their engines implement.");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsModel => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var gpu = p.Gpu;
            bool nvidia = gpu.ComputeCapabilityNumber > 0;
            if (p.ActivationFormat == Formats.Bf16 && !gpu.Supports(Formats.Bf16))
            {
                c.Report(Rule, c.SpanOf(c.Manifest.Model.Weights, c.Manifest.Hardware.Gpu?.Span),
                    $"{gpu.Id} (compute capability {gpu.ComputeCapability}) has no bf16 support; engines refuse it ('Bfloat16 is only supported on GPUs with compute capability of at least 8.0'). Use fp16 weights");
                return;
            }
            string format = p.WeightsFormat;
            if (format.Length == 0 || Formats.IsFloatingPoint(format) || gpu.Supports(format)) return; // "": not stated, model unknown
            bool fallback = format == Formats.Int4Awq || format == Formats.Int4Gptq || format == Formats.Int8 ? nvidia && gpu.ComputeCapabilityNumber >= 7.5 : PrecisionSupport.HasWeightOnlyFallback(gpu);
            if (fallback) return;
            c.Report(Rule, c.SpanOf(c.Manifest.Model.Weights, c.Manifest.Hardware.Gpu?.Span),
                $"{gpu.Id} ({(nvidia ? "compute capability " + gpu.ComputeCapability : gpu.ComputeCapability)}) cannot run {format} weights: no native support and no weight-only fallback kernel " +
                (nvidia ? "(Marlin needs sm80)" : "in its serving stack") + $"; native formats here: {string.Join(", ", gpu.NativeFormats)}");
        }
    }
}
