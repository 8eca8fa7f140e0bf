using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// GPT-NeoX (Pythia, GPT-NeoX-20B; vLLM gpt_neox.py): fused query_key_value and dense with biases, LayerNorms with bias,
    /// a GELU dense_h_to_4h / dense_4h_to_h MLP with biases, partial rotary (rotary_pct), an untied embed_out.
    /// </summary>
    internal sealed class GptNeoxFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "gpt_neox" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "gpt_neox" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            if (a.IntermediateSize <= 0) a.IntermediateSize = 4 * h;
            a.RotaryDim = (long)(a.HeadDim * c.Number("rotary_pct", 1.0));
            bool bias = c.Bool("attention_bias", true);
            // attention_bias covers q/k/v/dense only; the MLP's biases are unconditional (transformers GPTNeoXMLP).
            Parts.Stack(a, c, Parts.LayerNormBlock(a, bias, true, "input_layernorm", "post_attention_layernorm", "mlp.dense_h_to_4h", "mlp.dense_4h_to_h"));
            Parts.LayerNormHead(a, "final_layer_norm", "embed_out");
            return a;
        }
    }
}
