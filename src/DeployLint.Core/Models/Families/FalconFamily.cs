using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Falcon (vLLM falcon.py): fused query_key_value for multi-query (7B: one KV head) or grouped KV heads
    /// (new_decoder_architecture: num_kv_heads, two LayerNorms ln_attn / ln_mlp), otherwise one input_layernorm (a second
    /// post_attention_layernorm when attention and MLP are not parallel), biases only where 'bias' says, a non-gated
    /// dense_h_to_4h / dense_4h_to_h MLP, the head tied to the embedding.
    /// </summary>
    internal sealed class FalconFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "falcon" };

        public Architecture Build(ModelConfig config)
        {
            var aliased = Parts.WithAliases(config, ("num_hidden_layers", "n_layer"), ("num_attention_heads", "n_head"));
            // FalconConfig's default context when config.json does not write one (transformers configuration_falcon.py).
            var c = Parts.TextSection(aliased.Root, aliased.Root, config.SourcePath, new[] { ("max_position_embeddings", "2048") });
            var a = new Architecture { Family = "falcon" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            bool newArchitecture = c.Bool("new_decoder_architecture", false);
            bool bias = c.Bool("bias", false);
            a.KeyValueHeads = newArchitecture ? c.Int("num_kv_heads", c.Int("n_head_kv", a.AttentionHeads))
                : c.Bool("multi_query", true) ? 1 : a.AttentionHeads;
            a.IntermediateSize = c.Int("ffn_hidden_size", 4 * h);
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            if (c.Bool("alibi", false))
            {
                a.RotaryDim = 0;
                a.RotaryPositions = 0;
            }
            var t = new List<WeightTensor>();
            if (newArchitecture)
            {
                t.Add(Parts.Norm("ln_attn", 2 * h));
                t.Add(Parts.Norm("ln_mlp", 2 * h));
            }
            else
            {
                t.Add(Parts.Norm("input_layernorm", 2 * h));
                if (!c.Bool("parallel_attn", true)) t.Add(Parts.Norm("post_attention_layernorm", 2 * h));
            }
            Parts.Attention(t, a, qkvBias: bias, oBias: bias, qkNorm: false);
            Parts.PlainMlp(t, h, a.IntermediateSize, bias, "mlp.dense_h_to_4h", "mlp.dense_4h_to_h");
            Parts.Stack(a, c, new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: false));
            Parts.LayerNormHead(a, "ln_f", "lm_head");
            return a;
        }
    }
}
