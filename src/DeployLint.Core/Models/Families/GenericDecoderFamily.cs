using System;
using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>
    /// An estimate for a decoder whose model_type DeployLint does not model but whose config.json has the usual fields
    /// (hidden_size, num_hidden_layers, num_attention_heads, vocab_size, an MLP or expert width): a Llama-style decoder with
    /// q/k/v/o attention (num_key_value_heads, head_dim), an MLP that is gated unless hidden_act is a GELU/ReLU, experts
    /// when the config names them, no biases. What it cannot know (a non-gated MLP written with silu, a shared expert,
    /// biases, extra projections) is bounded by <see cref="Approximation.WeightsUncertainty"/>: one MLP matrix per layer
    /// plus 2%, the share of the weights the MLP assumption can move.
    /// </summary>
    internal static class GenericDecoderFamily
    {
        public static bool CanApproximate(ModelConfig c) =>
            c.Int("hidden_size", 0) > 0 && c.Int("num_hidden_layers", 0) > 0 && c.Int("num_attention_heads", 0) > 0 && c.Int("vocab_size", 0) > 0 &&
            (c.Int("intermediate_size", 0) > 0 || c.Int("moe_intermediate_size", 0) > 0);

        public static Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = c.ModelType };
            Parts.Common(a, c);
            string act = (c.OptionalString("hidden_act") ?? c.OptionalString("activation_function") ?? "silu").ToLowerInvariant();
            bool gated = !(act.StartsWith("gelu", StringComparison.Ordinal) || act.StartsWith("relu", StringComparison.Ordinal));
            long experts = Math.Max(c.Int("num_experts", 0), Math.Max(c.Int("num_local_experts", 0), c.Int("n_routed_experts", 0)));
            long topK = c.Int("num_experts_per_tok", experts > 0 ? 2 : 0);
            long expertWidth = c.Int("moe_intermediate_size", a.IntermediateSize);
            var t = new List<WeightTensor> { Parts.Norm("input_layernorm", a.HiddenSize) };
            Parts.Attention(t, a, qkvBias: false, oBias: false, qkNorm: false);
            t.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
            long mlpWidth;
            if (experts > 0 && expertWidth > 0)
            {
                a.Moe = new MoeInfo(experts, Math.Max(1, topK), 0, expertWidth);
                t.Add(new WeightTensor("mlp.gate", TensorRole.Router, Sharding.Replicated, experts, a.HiddenSize));
                Parts.Experts(t, a.HiddenSize, expertWidth, experts);
                mlpWidth = expertWidth * experts;
            }
            else if (gated)
            {
                Parts.GatedMlp(t, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp);
                mlpWidth = a.IntermediateSize;
            }
            else
            {
                Parts.PlainMlp(t, a.HiddenSize, a.IntermediateSize, bias: false, "mlp.up_proj", "mlp.down_proj");
                mlpWidth = a.IntermediateSize;
            }
            Parts.Stack(a, c, new DecoderLayer(t, Parts.Gqa(a, c.Int("sliding_window", 0) > 0 && c.Bool("use_sliding_window", true) ? c.Int("sliding_window", 0) : 0), isMoe: experts > 0));
            Parts.Finish(a);
            double oneMatrix = (double)a.LayerCount * a.HiddenSize * mlpWidth;
            a.Approximation = new Approximation(c.ModelType, Math.Min(0.5, oneMatrix / Math.Max(1, a.TotalParameters) + 0.02), gated ? "gated" : "non-gated");
            return a;
        }
    }

    /// <summary>How far an architecture built by <see cref="GenericDecoderFamily"/> may be from the real one.</summary>
    public sealed class Approximation
    {
        public Approximation(string modelType, double weightsUncertainty, string mlp)
        {
            ModelType = modelType;
            WeightsUncertainty = weightsUncertainty;
            Mlp = mlp;
        }

        public string ModelType { get; }

        /// <summary>Relative bound on the weights estimate (0.12 = within 12%).</summary>
        public double WeightsUncertainty { get; }

        /// <summary>"gated" or "non-gated": the MLP the estimate assumed.</summary>
        public string Mlp { get; }
    }
}
