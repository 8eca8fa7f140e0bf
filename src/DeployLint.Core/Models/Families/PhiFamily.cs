using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Phi (phi-1.5, phi-2; vLLM phi.py): LayerNorms with bias, attention and MLP in parallel from one norm, q/k/v and
    /// dense with biases, a plain fc1/fc2 GELU MLP with biases, partial rotary embedding, an untied lm_head with bias.
    /// </summary>
    internal sealed class PhiFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "phi" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "phi" };
            Parts.Common(a, c);
            if (a.IntermediateSize <= 0) throw new ModelConfigException("config.json has no 'intermediate_size'", c.Root.Span);
            a.RotaryDim = (long)(a.HeadDim * c.Number("partial_rotary_factor", 0.5));
            long h = a.HiddenSize;
            var t = new List<WeightTensor>();
            t.Add(Parts.Norm("input_layernorm", 2 * h));
            Parts.Attention(t, a, qkvBias: true, oBias: true, qkNorm: false);
            Parts.PlainMlp(t, h, a.IntermediateSize, true, "mlp.fc1", "mlp.fc2");
            Parts.Stack(a, c, new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: false));
            a.Head.Add(Parts.Norm("final_layernorm", 2 * h));
            a.Head.Add(new WeightTensor("lm_head", TensorRole.LmHead, Sharding.Vocab, a.VocabSize, h));
            a.Head.Add(new WeightTensor("lm_head.bias", TensorRole.LmHead, Sharding.Vocab, a.VocabSize, 1, isVector: true));
            return a;
        }
    }
}
