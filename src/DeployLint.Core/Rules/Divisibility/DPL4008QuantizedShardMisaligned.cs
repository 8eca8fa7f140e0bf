using System.Collections.Generic;
using DeployLint.Estimation;
using DeployLint.Models;
using DeployLint.Plans;

namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4008: a tensor-parallel shard of a quantized matrix does not align to the format's block or group.</summary>
    public sealed class QuantizedShardMisaligned : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4008",
            "Quantized shard not aligned to the block or group size",
            RuleCategory.Divisibility,
            Severity.Error,
            "Block-scaled FP8 stores one scale per block (e.g. 128x128) and int4/FP4 formats one per group along the input; a TP shard that cuts a block or group cannot be loaded (vLLM: 'The output_size of gate's and up's weight = 192 is not divisible by weight quantization block_n = 128', 'The input size is not aligned with the quantized weight shape').");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            var scheme = p.Quantization;
            if (!scheme.IsQuantized) return;
            bool block = scheme.Granularity == ScaleGranularity.PerBlock && scheme.BlockRows > 0 && scheme.BlockColumns > 0;
            bool group = scheme.Granularity == ScaleGranularity.PerGroup && scheme.GroupSize > 0;
            if (!block && !group) return;
            foreach (var layer in p.Architecture.Kinds.Distinct)
            {
                foreach (var t in layer.Tensors)
                {
                    if (!WeightSharding.IsQuantized(t, p)) continue;
                    string? problem = Misalignment(t, p, block, group);
                    if (problem == null) continue;
                    c.Report(Rule, c.SpanOf(c.Manifest.Parallelism.Tensor, c.Manifest.Parallelism.KeySpan),
                        $"{problem} ({p.ModelId}, {scheme.Describe()}, {t.Name} at TP {p.Tensor}{(p.Expert > 1 ? ", EP " + p.Expert : "")}); the engine refuses to load it. {Fix(t, p, block, group)}");
                    return;
                }
            }
        }

        internal static string? Misalignment(WeightTensor t, DeploymentPlan p, bool block, bool group)
        {
            WeightSharding.ShardedShape(t, p, out long rows, out long columns, out _);
            bool rowsSplit = rows != t.Rows;
            bool columnsSplit = columns != t.Columns;
            var scheme = p.Quantization;
            bool expert = t.Role == TensorRole.RoutedExpert;
            if (block)
            {
                if (rowsSplit && rows % scheme.BlockRows != 0)
                {
                    return expert
                        ? $"The output_size of gate's and up's weight = {rows} is not divisible by weight quantization block_n = {scheme.BlockRows}"
                        : $"Weight output_partition_size = {rows} is not divisible by weight quantization block_n = {scheme.BlockRows}";
                }
                if (columnsSplit && columns % scheme.BlockColumns != 0)
                {
                    return expert
                        ? $"The input_size of down's weight = {columns} is not divisible by weight quantization block_k = {scheme.BlockColumns}"
                        : $"Weight input_size_per_partition = {columns} is not divisible by weight quantization block_k = {scheme.BlockColumns}";
                }
                return null;
            }
            if (group && columnsSplit && columns % scheme.GroupSize != 0)
            {
                return $"The input size is not aligned with the quantized weight shape: input_size_per_partition = {columns} is not a multiple of group_size = {scheme.GroupSize}";
            }
            return null;
        }

        private static string Fix(WeightTensor t, DeploymentPlan p, bool block, bool group)
        {
            var ok = new List<int>();
            for (int tp = 1; tp <= System.Math.Max(8, p.Tensor); tp *= 2)
            {
                var candidate = p.WithLayout(tp, p.Pipeline, p.Data, System.Math.Min(p.Expert, tp));
                if (Misalignment(t, candidate, block, group) == null) ok.Add(tp);
            }
            string tpHint = ok.Count > 0 ? $"TP {string.Join(" or ", ok)} keeps whole {(block ? "blocks" : "groups")}" : "no power-of-two TP keeps whole blocks";
            return t.Role == TensorRole.RoutedExpert
                ? $"Use expert parallelism (EP = TP: experts are not split), or {tpHint}"
                : tpHint;
        }
    }
}
