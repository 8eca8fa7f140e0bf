using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>Mixtral: Mistral attention, every layer a sparse MoE of gated experts.</summary>
    internal sealed class MixtralFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "mixtral" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "mixtral" };
            Parts.Common(a, c);
            long experts = c.Int("num_local_experts");
            long topK = c.Int("num_experts_per_tok");
            a.Moe = new MoeInfo(experts, topK, 0, a.IntermediateSize);
            var t = new List<WeightTensor>();
            t.Add(Parts.Norm("input_layernorm", a.HiddenSize));
            Parts.Attention(t, a, false, false, false);
            t.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
            t.Add(new WeightTensor("block_sparse_moe.gate", TensorRole.Router, Sharding.Replicated, experts, a.HiddenSize));
            Parts.Experts(t, a.HiddenSize, a.IntermediateSize, experts);
            var layer = new DecoderLayer(t, Parts.Gqa(a, c.Int("sliding_window", 0)), isMoe: true);
            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++) a.Layers.Add(layer);
            Parts.Finish(a);
            return a;
        }
    }
}
