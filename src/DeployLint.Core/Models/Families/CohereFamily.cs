using System;
using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>
    /// Cohere Command R / R+ (cohere) and Command A / R7B (cohere2), as transformers' Cohere(2)ForCausalLM and vLLM
    /// commandr.py build them: one bias-free LayerNorm per layer feeding attention and the gated MLP in parallel (no
    /// post-attention norm), bias-free q/k/v/o, per-head q/k LayerNorms when use_qk_norm (weights of heads x head_dim),
    /// embeddings tied by default. Cohere2 slides a window over three layers of four (sliding_window_pattern, or
    /// layer_types where the config lists them). Command R (v01): 34,980,831,232 parameters; Command R+: 103,810,674,688.
    /// </summary>
    internal sealed class CohereFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "cohere", "cohere2" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = c.ModelType };
            Parts.Common(a, c);
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            if (a.IntermediateSize <= 0) throw new ModelConfigException("config.json has no 'intermediate_size'", c.Root.Span);
            var tensors = new List<WeightTensor> { Parts.Norm("input_layernorm", a.HiddenSize) };
            Parts.Attention(tensors, a, qkvBias: false, oBias: false, qkNorm: false);
            if (c.Bool("use_qk_norm", false))
            {
                tensors.Add(Parts.Norm("q_norm", a.AttentionHeads * a.HeadDim));
                tensors.Add(Parts.Norm("k_norm", a.KeyValueHeads * a.HeadDim));
            }
            Parts.GatedMlp(tensors, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp, bias: false);
            var global = new DecoderLayer(tensors, Parts.Gqa(a, 0), isMoe: false);
            var sliding = c.ModelType == "cohere2" ? new DecoderLayer(tensors, Parts.Gqa(a, c.Int("sliding_window", 4096)), isMoe: false) : global;
            long pattern = Math.Max(1, c.Int("sliding_window_pattern", 4));
            Parts.SlidingAndFullLayers(a, c, c.Int("num_hidden_layers"), sliding, global, i => (i + 1) % pattern != 0);
            Parts.Finish(a);
            return a;
        }
    }
}
