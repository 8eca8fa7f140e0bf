using System;
using DeployLint.Models;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>Bytes of each weight tensor on one GPU, after TP / EP sharding and the weight format's storage rules.</summary>
    public static class WeightSharding
    {
        /// <summary>vLLM's DEFAULT_VOCAB_PADDING_SIZE: vocab-parallel embeddings are padded to a multiple of 64.</summary>
        public const int VocabPadding = 64;

        public static long BytesPerGpu(WeightTensor t, DeploymentPlan plan)
        {
            ShardedShape(t, plan, out long rows, out long columns, out long count);
            var scheme = plan.Quantization;
            if (IsQuantized(t, plan))
            {
                return count * scheme.MatrixBytes(rows, columns);
            }
            int bytes = t.BytesOverride > 0 ? t.BytesOverride : plan.WeightsFormat == Formats.Fp32 ? 4 : Formats.FloatBytes(plan.ActivationFormat);
            return count * rows * columns * bytes;
        }

        public static void ShardedShape(WeightTensor t, DeploymentPlan plan, out long rows, out long columns, out long count)
        {
            // Attention under attention DP is sharded over its own smaller group (replicated when every rank is its own).
            long tp = Math.Max(1, t.Role == TensorRole.Attention ? plan.AttentionTensorParallel : plan.Tensor);
            long moeTp = Math.Max(1, plan.MoeTensorParallel);
            long ep = Math.Max(1, plan.Expert);
            rows = t.Rows;
            columns = t.Columns;
            count = t.Count;
            switch (t.Sharding)
            {
                case Sharding.Column:
                case Sharding.Heads:
                    rows = CeilDiv(t.Rows, tp);
                    break;
                case Sharding.Row:
                    columns = CeilDiv(t.Columns, tp);
                    break;
                case Sharding.Vocab:
                    rows = CeilDiv(CeilDiv(t.Rows, VocabPadding) * VocabPadding, tp);
                    break;
                case Sharding.KvHeads:
                {
                    long heads = t.HeadSize > 0 ? t.Rows / t.HeadSize : t.Rows;
                    long perGpu = tp >= heads ? 1 : CeilDiv(heads, tp);
                    rows = perGpu * (t.HeadSize > 0 ? t.HeadSize : 1);
                    break;
                }
                case Sharding.ExpertColumn:
                    rows = CeilDiv(t.Rows, moeTp);
                    count = CeilDiv(t.Count, ep);
                    break;
                case Sharding.ExpertRow:
                    columns = CeilDiv(t.Columns, moeTp);
                    count = CeilDiv(t.Count, ep);
                    break;
                case Sharding.ExpertReplicated:
                    count = CeilDiv(t.Count, ep);
                    break;
            }
            if (t.Role == TensorRole.RoutedExpert) PadMxfp4Experts(t, plan, ref rows, ref columns);
        }

        /// <summary>
        /// vLLM's Mxfp4MoEMethod.create_weights allocates routed experts with the intermediate size per partition rounded
        /// up to 128 and the hidden size to 256 (gpt-oss: 2880 -> 2944 and 3072); on Blackwell both round to 256.
        /// </summary>
        private static void PadMxfp4Experts(WeightTensor t, DeploymentPlan plan, ref long rows, ref long columns)
        {
            if (plan.Engine != ServingEngine.Vllm || plan.WeightsFormat != Formats.Mxfp4) return;
            long hidden = plan.Architecture.HiddenSize;
            long intermediateAlign = plan.Gpu.ComputeCapabilityNumber >= 10.0 ? 256 : 128;
            long RoundUp(long v, long a) => CeilDiv(v, a) * a;
            switch (t.Sharding)
            {
                case Sharding.ExpertColumn:
                    // Fused gate_up: 2 x intermediate rows, hidden columns.
                    rows = 2 * RoundUp(rows / 2, intermediateAlign);
                    if (!t.IsVector) columns = RoundUp(columns, 256);
                    break;
                case Sharding.ExpertRow:
                    rows = RoundUp(rows, 256);
                    columns = RoundUp(columns, intermediateAlign);
                    break;
                case Sharding.ExpertReplicated:
                    if (rows == hidden) rows = RoundUp(rows, 256);
                    break;
            }
        }

        /// <summary>True when the plan's weight format stores this tensor quantized (payload + scales).</summary>
        public static bool IsQuantized(WeightTensor t, DeploymentPlan plan) =>
            plan.Quantization.IsQuantized && t.IsQuantizableMatrix && !IsLeftUnquantized(t, plan.Quantization);

        /// <summary>modules_to_not_convert / ignore lists name sub-modules; map them onto tensor roles.</summary>
        private static bool IsLeftUnquantized(WeightTensor t, QuantizationScheme scheme)
        {
            foreach (var pattern in scheme.UnquantizedModules)
            {
                switch (t.Role)
                {
                    case TensorRole.Attention when pattern.Contains("self_attn") || pattern.EndsWith(".attn", StringComparison.Ordinal) || pattern.Contains("attention"):
                    case TensorRole.SharedExpert when pattern.Contains("shared_expert"):
                    // A dense layer's MLP: "model.layers.0.mlp", or compressed-tensors' "re:.*mlp\.(gate|up|gate_up|down)_proj.*".
                    case TensorRole.Mlp when pattern.EndsWith(".mlp", StringComparison.Ordinal) || pattern.Contains("mlp\\.(gate"):
                        return true;
                }
            }
            return false;
        }

        internal static long CeilDiv(long a, long b) => b <= 0 ? a : (a + b - 1) / b;
    }
}
