using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// BLOOM (vLLM bloom.py): ALiBi (no position tensors), a LayerNorm after the word embeddings, fused query_key_value and
    /// dense with biases, biased LayerNorms, a GELU dense_h_to_4h / dense_4h_to_h MLP with biases, the head tied.
    /// </summary>
    internal sealed class BloomFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "bloom" };

        public Architecture Build(ModelConfig config)
        {
            var aliased = Parts.WithAliases(config, ("hidden_size", "n_embed"), ("num_hidden_layers", "n_layer"), ("num_attention_heads", "n_head"));
            // No position table under ALiBi: vLLM's default context of 2,048 when config.json names none.
            var c = Parts.TextSection(aliased.Root, aliased.Root, config.SourcePath, new[] { ("max_position_embeddings", "2048") });
            var a = new Architecture { Family = "bloom" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            a.IntermediateSize = 4 * h;
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            a.RotaryDim = 0;
            a.RotaryPositions = 0;
            a.Embedding.Add(Parts.Norm("word_embeddings_layernorm", 2 * h));
            Parts.Stack(a, c, Parts.LayerNormBlock(a, true, true, "input_layernorm", "post_attention_layernorm", "mlp.dense_h_to_4h", "mlp.dense_4h_to_h"));
            Parts.LayerNormHead(a, "ln_f", "lm_head");
            return a;
        }
    }
}
