using System.Collections.Generic;
using DeployLint.Estimation;
using DeployLint.Models;

namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4009: an int4 shard is not a whole number of Marlin tiles (64 output rows x 128 input columns).</summary>
    public sealed class MarlinTileMisaligned : PlanRule
    {
        // vllm/model_executor/layers/quantization/utils/marlin_utils.py: GPTQ_MARLIN_MIN_THREAD_N = 64, GPTQ_MARLIN_MIN_THREAD_K = 128.
        public const int MinThreadN = 64;
        public const int MinThreadK = 128;

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4009",
            "Int4 shard does not fill Marlin's tiles",
            RuleCategory.Divisibility,
            Severity.Warning,
            "On Ampere and newer GPUs vLLM runs AWQ and GPTQ int4 weights through the Marlin kernel, whose threads work on 64 output rows x 128 input columns. A tensor-parallel shard that is not a whole number of those tiles cannot use Marlin: vLLM falls back to the unoptimized AWQ kernel ('Layer ... is not supported by AWQMarlin. Falling back to unoptimized AWQ kernels'), several times slower at decode, and gptq_marlin refuses the shape ('Weight output_size_per_partition = ... is not divisible by min_thread_n = 64. Consider reducing tensor_parallel_size').");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var scheme = p.Quantization;
            if (scheme.Format != Formats.Int4Awq && scheme.Format != Formats.Int4Gptq) return;
            if (p.Gpu.ComputeCapabilityNumber < 8.0) return; // no Marlin before Ampere; the plain kernels have no tile rule
            bool group = scheme.Granularity == ScaleGranularity.PerGroup && scheme.GroupSize > 0;
            foreach (var layer in p.Architecture.Kinds.Distinct)
            {
                foreach (var t in layer.Tensors)
                {
                    if (!WeightSharding.IsQuantized(t, p) || QuantizedShardMisaligned.Misalignment(t, p, false, group) != null) continue;
                    WeightSharding.ShardedShape(t, p, out long rows, out long columns, out _);
                    string? problem = rows % MinThreadN != 0 ? $"output_size_per_partition = {rows} is not divisible by min_thread_n = {MinThreadN}"
                        : columns % MinThreadK != 0 ? $"input_size_per_partition = {columns} is not divisible by min_thread_k = {MinThreadK}"
                        : null;
                    if (problem == null) continue;
                    c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                        $"{t.Name} at TP {p.Tensor}: {problem} ({p.ModelId}, {scheme.Describe()}); vLLM cannot use Marlin for it on {p.Gpu.Id} " +
                        $"(AWQ falls back to the unoptimized kernel, gptq_marlin refuses to load). {Fix(t, p)}");
                    return;
                }
            }
        }

        private static string Fix(WeightTensor t, Plans.DeploymentPlan p)
        {
            var ok = new List<int>();
            for (int tp = 1; tp <= System.Math.Max(8, p.Tensor); tp *= 2)
            {
                WeightSharding.ShardedShape(t, p.WithLayout(tp, p.Pipeline, p.Data, System.Math.Min(p.Expert, tp)), out long rows, out long columns, out _);
                if (rows % MinThreadN == 0 && columns % MinThreadK == 0) ok.Add(tp);
            }
            return ok.Count > 0 ? $"TP {string.Join(" or ", ok)} keeps whole tiles" : "no power-of-two TP keeps whole tiles";
        }
    }
}
