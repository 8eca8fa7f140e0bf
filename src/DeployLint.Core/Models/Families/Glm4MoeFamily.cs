using System;
using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>
    /// GLM-4.5 / 4.6 / 4.7 and GLM-4.5-Air (glm4_moe; vLLM glm4_moe.py): grouped-query attention with q/k/v biases
    /// (attention_bias), optional per-head q/k norms (use_qk_norm), partial rotary embedding, first_k_dense_replace dense
    /// layers, then DeepSeek-V3-style MoE layers (sigmoid router with an fp32 e_score_correction_bias, routed experts, shared
    /// experts of n_shared_experts x moe_intermediate_size); num_nextn_predict_layers MTP layers stored DeepSeek's way.
    /// </summary>
    internal sealed class Glm4MoeFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "glm4_moe" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "glm4_moe" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            a.RotaryDim = (long)(a.HeadDim * c.Number("partial_rotary_factor", 0.5));
            long experts = c.Int("n_routed_experts");
            long shared = c.Int("n_shared_experts", 0);
            long topK = c.Int("num_experts_per_tok");
            long moeIntermediate = c.Int("moe_intermediate_size");
            long firstDense = c.Int("first_k_dense_replace", 0);
            bool qkNorm = c.Bool("use_qk_norm", false);
            bool bias = c.Bool("attention_bias", false);
            if (a.IntermediateSize <= 0 && firstDense > 0) throw new ModelConfigException("config.json has dense layers but no 'intermediate_size'", c.Root.Span);
            a.Moe = new MoeInfo(experts, topK, shared, moeIntermediate);
            var kv = Parts.Gqa(a, 0);

            List<WeightTensor> Attention()
            {
                var t = new List<WeightTensor> { Parts.Norm("input_layernorm", h) };
                Parts.Attention(t, a, qkvBias: bias, oBias: false, qkNorm: qkNorm);
                t.Add(Parts.Norm("post_attention_layernorm", h));
                return t;
            }

            var dense = Attention();
            if (firstDense > 0) Parts.GatedMlp(dense, h, a.IntermediateSize, TensorRole.Mlp);
            var denseLayer = new DecoderLayer(dense, kv, isMoe: false);
            var moe = Attention();
            moe.Add(new WeightTensor("mlp.gate", TensorRole.Router, Sharding.Replicated, experts, h));
            moe.Add(new WeightTensor("mlp.gate.e_score_correction_bias", TensorRole.Router, Sharding.Replicated, experts, 1, isVector: true, bytesOverride: 4));
            Parts.Experts(moe, h, moeIntermediate, experts);
            if (shared > 0) Parts.GatedMlp(moe, h, moeIntermediate * shared, TensorRole.SharedExpert, prefix: "mlp.shared_experts");
            var moeLayer = new DecoderLayer(moe, kv, isMoe: true);

            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++) a.Layers.Add(i < firstDense ? denseLayer : moeLayer);
            Parts.Finish(a);
            for (long i = 0; i < c.Int("num_nextn_predict_layers", 0); i++) DeepseekV3Family.AddNextTokenPredictor(a, moeLayer);
            return a;
        }
    }
}
