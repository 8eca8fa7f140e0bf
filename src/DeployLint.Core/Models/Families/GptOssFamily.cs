using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>gpt-oss: biased attention with learned sinks, alternating sliding/full layers, biased MoE experts.</summary>
    internal sealed class GptOssFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "gpt_oss" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "gpt_oss" };
            Parts.Common(a, c);
            long experts = c.Int("num_local_experts");
            long topK = c.Int("num_experts_per_tok", c.Int("experts_per_token", 4));
            long window = c.Int("sliding_window", 0);
            long h = a.HiddenSize;
            long inter = a.IntermediateSize;
            a.Moe = new MoeInfo(experts, topK, 0, inter);

            var t = new List<WeightTensor>();
            t.Add(Parts.Norm("input_layernorm", h));
            Parts.Attention(t, a, qkvBias: true, oBias: true, qkNorm: false);
            t.Add(new WeightTensor("self_attn.sinks", TensorRole.Attention, Sharding.Heads, a.AttentionHeads, 1, isVector: true));
            t.Add(Parts.Norm("post_attention_layernorm", h));
            t.Add(new WeightTensor("mlp.router", TensorRole.Router, Sharding.Replicated, experts, h));
            t.Add(new WeightTensor("mlp.router.bias", TensorRole.Router, Sharding.Replicated, experts, 1, isVector: true));
            t.Add(new WeightTensor("mlp.experts.gate_up_proj", TensorRole.RoutedExpert, Sharding.ExpertColumn, 2 * inter, h, experts));
            t.Add(new WeightTensor("mlp.experts.gate_up_proj_bias", TensorRole.RoutedExpert, Sharding.ExpertColumn, 2 * inter, 1, experts, isVector: true));
            t.Add(new WeightTensor("mlp.experts.down_proj", TensorRole.RoutedExpert, Sharding.ExpertRow, h, inter, experts));
            t.Add(new WeightTensor("mlp.experts.down_proj_bias", TensorRole.RoutedExpert, Sharding.ExpertReplicated, h, 1, experts, isVector: true));

            var full = new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: true);
            var sliding = window > 0 ? new DecoderLayer(t, Parts.Gqa(a, window), isMoe: true) : full;
            Parts.SlidingAndFullLayers(a, c, c.Int("num_hidden_layers"), sliding, full, i => i % 2 == 0);
            foreach (var module in UnconvertedModules(c)) a.UnquantizedModules.Add(module);
            Parts.Finish(a);
            return a;
        }

        private static IEnumerable<string> UnconvertedModules(ModelConfig c)
        {
            if (c.Section("quantization_config")?.Get("modules_to_not_convert") is YSequence seq)
            {
                foreach (var item in seq.Items)
                {
                    if (item is YScalar s) yield return s.Value;
                }
            }
        }
    }
}
