using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Mistral 3 (Mistral-Small-3.1, transformers Mistral3ForConditionalGeneration): the Mistral decoder of text_config,
    /// a Pixtral vision encoder (vLLM pixtral.py PixtralHFVisionModel: bias-free q/k/v/o and gated MLP, RMSNorms,
    /// QKV and gate/up column-parallel, o and down row-parallel) and Mistral3MultiModalProjector (RMSNorm, a 2x2 patch
    /// merger, linear_1 column- and linear_2 row-parallel). Mistral-Small-3.1-24B: 24,011,361,280 parameters.
    /// </summary>
    internal sealed class Mistral3Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "mistral3" };

        // transformers MistralConfig.__init__ defaults for keys a text_config may leave out.
        private static readonly (string Key, string Value)[] TextDefaults =
        {
            ("model_type", "mistral"), ("vocab_size", "32000"), ("hidden_size", "4096"), ("intermediate_size", "14336"),
            ("num_hidden_layers", "32"), ("num_attention_heads", "32"), ("num_key_value_heads", "8"),
            ("max_position_embeddings", "131072"), ("tie_word_embeddings", "false"),
        };

        public Architecture Build(ModelConfig c)
        {
            var a = new DenseDecoderFamily().Build(Parts.TextConfig(c, TextDefaults));
            a.Family = "mistral3";
            AddVisionTower(a, c);
            return a;
        }

        private static void AddVisionTower(Architecture a, ModelConfig c)
        {
            if (!(Parts.VisionConfig(c) is ModelConfig vision)) return;
            long hidden = vision.Int("hidden_size", 1024);
            long intermediate = vision.Int("intermediate_size", 4096);
            long layers = vision.Int("num_hidden_layers", 24);
            long patch = vision.Int("patch_size", 16);
            long channels = vision.Int("num_channels", 3);
            long merge = c.Int("spatial_merge_size", 2);
            bool projectorBias = c.Bool("multimodal_projector_bias", false);
            var e = a.Embedding;
            e.Add(new WeightTensor("vision.patch_conv", TensorRole.Vision, Sharding.Replicated, hidden, channels * patch * patch));
            e.Add(new WeightTensor("vision.ln_pre", TensorRole.Vision, Sharding.Replicated, hidden, 1, isVector: true));
            e.Add(new WeightTensor("vision.attention_norm", TensorRole.Vision, Sharding.Replicated, hidden, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.qkv_proj", TensorRole.Vision, Sharding.Column, 3 * hidden, hidden, layers));
            e.Add(new WeightTensor("vision.o_proj", TensorRole.Vision, Sharding.Row, hidden, hidden, layers));
            e.Add(new WeightTensor("vision.ffn_norm", TensorRole.Vision, Sharding.Replicated, hidden, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.gate_up_proj", TensorRole.Vision, Sharding.Column, 2 * intermediate, hidden, layers));
            e.Add(new WeightTensor("vision.down_proj", TensorRole.Vision, Sharding.Row, hidden, intermediate, layers));
            e.Add(new WeightTensor("multi_modal_projector.norm", TensorRole.Vision, Sharding.Replicated, hidden, 1, isVector: true));
            e.Add(new WeightTensor("multi_modal_projector.patch_merger.merging_layer", TensorRole.Vision, Sharding.Replicated, hidden, hidden * merge * merge));
            e.Add(new WeightTensor("multi_modal_projector.linear_1", TensorRole.Vision, Sharding.Column, a.HiddenSize, hidden));
            e.Add(new WeightTensor("multi_modal_projector.linear_2", TensorRole.Vision, Sharding.Row, a.HiddenSize, a.HiddenSize));
            if (projectorBias)
            {
                e.Add(new WeightTensor("multi_modal_projector.linear_1.bias", TensorRole.Vision, Sharding.Column, a.HiddenSize, 1, isVector: true));
                e.Add(new WeightTensor("multi_modal_projector.linear_2.bias", TensorRole.Vision, Sharding.Replicated, a.HiddenSize, 1, isVector: true));
            }
        }
    }
}
