using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>Gemma 2: tied embeddings, four norms per layer, sliding window on even layers.</summary>
    internal sealed class Gemma2Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "gemma2" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "gemma2" };
            Parts.Common(a, c);
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            long window = c.Int("sliding_window", 0);
            var t = GemmaLayer(a, qkNorm: false);
            var sliding = new DecoderLayer(t, Parts.Gqa(a, window), isMoe: false);
            var full = new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: false);
            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++) a.Layers.Add(i % 2 == 0 && window > 0 ? sliding : full);
            Parts.Finish(a);
            return a;
        }

        /// <summary>A Gemma decoder layer: norms before and after both attention and MLP; Gemma 3 adds q/k norms.</summary>
        internal static List<WeightTensor> GemmaLayer(Architecture a, bool qkNorm)
        {
            var t = new List<WeightTensor>();
            t.Add(Parts.Norm("input_layernorm", a.HiddenSize));
            Parts.Attention(t, a, false, false, qkNorm);
            t.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
            t.Add(Parts.Norm("pre_feedforward_layernorm", a.HiddenSize));
            Parts.GatedMlp(t, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp);
            t.Add(Parts.Norm("post_feedforward_layernorm", a.HiddenSize));
            return t;
        }
    }
}
