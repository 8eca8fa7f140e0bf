using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Qwen2-MoE (Qwen1.5-MoE) and Qwen3-MoE: sparse layers per decoder_sparse_step and mlp_only_layers. Qwen2-MoE has
    /// q/k/v biases and a shared expert (TP-sharded gated MLP of shared_expert_intermediate_size) scaled by a one-output
    /// shared_expert_gate (vLLM qwen2_moe.py); Qwen3-MoE has q/k norms and no shared expert.
    /// </summary>
    internal sealed class QwenMoeFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "qwen3_moe", "qwen2_moe" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = c.ModelType };
            bool qwen2 = a.Family == "qwen2_moe";
            Parts.Common(a, c);
            long experts = c.Int("num_experts");
            long topK = c.Int("num_experts_per_tok");
            long moeIntermediate = c.Int("moe_intermediate_size");
            long sharedIntermediate = c.Int("shared_expert_intermediate_size", 0);
            long sparseStep = Math.Max(1, c.Int("decoder_sparse_step", 1));
            var mlpOnly = new HashSet<long>(c.IntList("mlp_only_layers"));
            a.Moe = new MoeInfo(experts, topK, sharedIntermediate > 0 ? 1 : 0, moeIntermediate);
            var kv = Parts.Gqa(a, 0);

            List<WeightTensor> Layer(bool sparse)
            {
                var t = new List<WeightTensor>();
                t.Add(Parts.Norm("input_layernorm", a.HiddenSize));
                Parts.Attention(t, a, qkvBias: qwen2, oBias: false, qkNorm: !qwen2);
                t.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
                if (!sparse)
                {
                    if (a.IntermediateSize <= 0) throw new ModelConfigException("config.json has dense layers but no 'intermediate_size'", c.Root.Span);
                    Parts.GatedMlp(t, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp);
                    return t;
                }
                SparseMlp(t, a.HiddenSize, experts, moeIntermediate, sharedIntermediate);
                return t;
            }

            var moeLayer = new DecoderLayer(Layer(true), kv, isMoe: true);
            DecoderLayer? denseLayer = null;
            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++)
            {
                bool sparse = !mlpOnly.Contains(i) && experts > 0 && (i + 1) % sparseStep == 0;
                a.Layers.Add(sparse ? moeLayer : denseLayer ??= new DecoderLayer(Layer(false), kv, isMoe: false));
            }
            Parts.Finish(a);
            return a;
        }

        /// <summary>
        /// The Qwen MoE block (Qwen2-MoE, Qwen3-MoE, Qwen3-Next, Qwen3.5): router, routed experts and, when configured, a
        /// TP-sharded shared expert scaled by a one-output shared_expert_gate.
        /// </summary>
        internal static void SparseMlp(List<WeightTensor> t, long hidden, long experts, long expertIntermediate, long sharedIntermediate)
        {
            t.Add(new WeightTensor("mlp.gate", TensorRole.Router, Sharding.Replicated, experts, hidden));
            Parts.Experts(t, hidden, expertIntermediate, experts);
            if (sharedIntermediate <= 0) return;
            Parts.GatedMlp(t, hidden, sharedIntermediate, TensorRole.SharedExpert, prefix: "mlp.shared_expert");
            t.Add(new WeightTensor("mlp.shared_expert_gate", TensorRole.Router, Sharding.Replicated, 1, hidden));
        }
    }
}
