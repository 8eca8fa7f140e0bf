using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>
    /// MiniMax-M2 / M2.1 / M2.5 / M2.7 (minimax_m2; vLLM minimax_m2.py): grouped-query attention without biases, q/k
    /// RMSNorms over the whole projection (qk_norm_type per_layer, sharded with the heads), rotary_dim of head_dim, and in
    /// every layer a sparse MoE (block_sparse_moe) of num_local_experts experts of intermediate_size with a sigmoid router
    /// and its e_score_correction_bias (use_routing_bias); no shared expert; untied lm_head. The checkpoints carry no MTP weights.
    /// </summary>
    internal sealed class MiniMaxM2Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "minimax_m2" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "minimax_m2" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            a.RotaryDim = c.Int("rotary_dim", a.HeadDim);
            long experts = c.Int("num_local_experts");
            long topK = c.Int("num_experts_per_tok");
            long intermediate = a.IntermediateSize;
            a.Moe = new MoeInfo(experts, topK, 0, intermediate);
            var t = new List<WeightTensor> { Parts.Norm("input_layernorm", h) };
            Parts.Attention(t, a, qkvBias: false, oBias: false, qkNorm: false);
            if (c.Bool("use_qk_norm", true))
            {
                t.Add(new WeightTensor("self_attn.q_norm", TensorRole.Norm, Sharding.Column, a.AttentionHeads * a.HeadDim, 1, isVector: true));
                t.Add(new WeightTensor("self_attn.k_norm", TensorRole.Norm, Sharding.KvHeads, a.KeyValueHeads * a.HeadDim, 1, isVector: true, headSize: a.HeadDim));
            }
            t.Add(Parts.Norm("post_attention_layernorm", h));
            t.Add(new WeightTensor("block_sparse_moe.gate", TensorRole.Router, Sharding.Replicated, experts, h));
            if (c.Bool("use_routing_bias", true))
            {
                t.Add(new WeightTensor("block_sparse_moe.e_score_correction_bias", TensorRole.Router, Sharding.Replicated, experts, 1, isVector: true, bytesOverride: 4));
            }
            Parts.Experts(t, h, intermediate, experts);
            Parts.Stack(a, c, new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: true));
            Parts.Finish(a);
            return a;
        }
    }
}
