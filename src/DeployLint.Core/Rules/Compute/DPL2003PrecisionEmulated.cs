using DeployLint.Estimation;

namespace DeployLint.Rules.Compute
{
    /// <summary>DPL2003: the weight format has no native tensor-core support here; the engine falls back to a weight-only kernel.</summary>
    public sealed class PrecisionEmulated : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL2003",
            "Weight format not native on this GPU",
            RuleCategory.Compute,
            Severity.Warning,
            "FP8 needs compute capability 8.9+ and FP4 (NVFP4, MXFP4) 10.0+ for native tensor cores. On Ampere and Hopper, vLLM falls back to weight-only Marlin kernels: memory is saved, compute runs in 16 bits and is slower ('Your GPU does not have native support for FP4 computation ... Weight-only FP4 compression will be used leveraging the Marlin kernel').");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            string format = p.WeightsFormat;
            if (Formats.IsFloatingPoint(format) || format == Formats.Int4Awq || format == Formats.Int4Gptq) return;
            if (p.Gpu.Supports(format) || !PrecisionSupport.HasWeightOnlyFallback(p.Gpu)) return;
            string fallback = $"{p.Gpu.Id} (compute capability {p.Gpu.ComputeCapability}) has no native {format} tensor cores; the engine runs {format} weights through a weight-only Marlin kernel " +
                              $"with {p.ActivationFormat} compute, so memory is as planned but prefill and large batches run at {p.ActivationFormat} speed";
            var span = c.SpanOf(c.Manifest.Model.Weights, c.Manifest.Hardware.Gpu?.Span);
            // gpt-oss (MXFP4), DeepSeek-R1 and Kimi-K2 (FP8) are published only in that format: running them this way on the
            // GPU is the plan, not a choice to revisit, so it is advice.
            if (p.CheckpointQuantization?.Format == format && !Catalog.ModelVariants.NamesAFormat(p.ModelId))
            {
                c.Report(Rule, Severity.Info, span, $"{fallback}; {p.ModelId} is published in {format}, so this is how it runs here (the time estimates include it). A GPU with native {format} runs it faster");
                return;
            }
            c.Report(Rule, span, $"{fallback}. Use a GPU with native {format} or a {p.ActivationFormat}/int4 checkpoint");
        }
    }

    internal static class PrecisionSupport
    {
        /// <summary>NVIDIA Ampere and later (sm80+) have Marlin weight-only kernels for FP8 and FP4.</summary>
        public static bool HasWeightOnlyFallback(Catalog.GpuSpec gpu) => gpu.ComputeCapabilityNumber >= 8.0;
    }
}
