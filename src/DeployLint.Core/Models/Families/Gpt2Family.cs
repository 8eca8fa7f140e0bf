using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// GPT-2 (vLLM gpt2.py): n_embd / n_layer / n_head / n_positions keys, learned positions (wpe), fused c_attn and
    /// c_proj with biases, LayerNorms with bias, a GELU c_fc / c_proj MLP of n_inner (4 x n_embd when null), the head tied
    /// to wte.
    /// </summary>
    internal sealed class Gpt2Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "gpt2" };

        public Architecture Build(ModelConfig config)
        {
            var c = Parts.WithAliases(config, ("hidden_size", "n_embd"), ("num_hidden_layers", "n_layer"), ("num_attention_heads", "n_head"),
                ("intermediate_size", "n_inner"));
            var a = new Architecture { Family = "gpt2" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            if (a.IntermediateSize <= 0) a.IntermediateSize = 4 * h;
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            a.RotaryDim = 0;
            a.RotaryPositions = 0;
            a.Embedding.Add(new WeightTensor("wpe", TensorRole.Embedding, Sharding.Replicated, a.MaxPositionEmbeddings, h));
            Parts.Stack(a, c, Parts.LayerNormBlock(a, true, true, "ln_1", "ln_2", "mlp.c_fc", "mlp.c_proj"));
            Parts.LayerNormHead(a, "ln_f", "lm_head");
            return a;
        }
    }
}
