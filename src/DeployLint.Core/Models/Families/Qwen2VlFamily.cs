using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>
    /// Qwen2-VL and Qwen2.5-VL (qwen2_vl, qwen2_5_vl; transformers Qwen2(_5)_VLForConditionalGeneration): the Qwen2 decoder
    /// (config.json keeps it at the root; newer saves nest it in text_config; M-RoPE adds no weights) and the vision tower
    /// as vLLM qwen2_vl.py / qwen2_5_vl.py shard it: a bias-free Conv3d patch embedding, blocks of fused QKV and projection
    /// with biases, and a patch merger (a norm, then fc1 of (width x merge^2)^2 and fc2 to the text width, both biased).
    /// - Qwen2-VL: LayerNorms with bias and a quick-GELU MLP of embed_dim x mlp_ratio (fc1, fc2).
    /// - Qwen2.5-VL: RMSNorms and a biased SiLU-gated MLP (gate, up, down) of intermediate_size; window attention changes no weights.
    /// Qwen2-VL-7B-Instruct: 8,291,375,616 parameters; Qwen2.5-VL-7B-Instruct: 8,292,166,656 (the model cards: 8.29B).
    /// </summary>
    internal sealed class Qwen2VlFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "qwen2_vl", "qwen2_5_vl" };

        // transformers Qwen2VLTextConfig / Qwen2_5_VLTextConfig defaults for the keys a config may leave out.
        private static readonly (string Key, string Value)[] TextDefaults =
        {
            ("vocab_size", "152064"), ("tie_word_embeddings", "false"),
        };

        public Architecture Build(ModelConfig c)
        {
            var text = Parts.TextSectionAs(c.Section("text_config") ?? c.Root, c, "qwen2", TextDefaults);
            var a = new DenseDecoderFamily().Build(text);
            a.Family = c.ModelType;
            AddVisionTower(a, c, qwen25: c.ModelType == "qwen2_5_vl");
            return a;
        }

        private static void AddVisionTower(Architecture a, ModelConfig c, bool qwen25)
        {
            if (!(Parts.VisionConfig(c) is ModelConfig v)) return;
            // Qwen2-VL names the tower width embed_dim and its output hidden_size; Qwen2.5-VL hidden_size and out_hidden_size.
            long width = qwen25 ? v.Int("hidden_size", 1280) : v.Int("embed_dim", 1280);
            long output = qwen25 ? v.Int("out_hidden_size", a.HiddenSize) : v.Int("hidden_size", a.HiddenSize);
            long mlp = qwen25 ? v.Int("intermediate_size", 3420) : width * v.Int("mlp_ratio", 4);
            long depth = v.Int("depth", 32);
            long patch = v.Int("patch_size", 14);
            long temporal = v.Int("temporal_patch_size", 2);
            long channels = v.Int("in_chans", v.Int("in_channels", 3));
            long merge = v.Int("spatial_merge_size", 2);
            long merged = width * merge * merge;
            long norm = qwen25 ? width : 2 * width; // RMSNorm weight, or LayerNorm weight and bias
            var e = a.Embedding;
            e.Add(new WeightTensor("visual.patch_embed.proj", TensorRole.Vision, Sharding.Replicated, width, channels * temporal * patch * patch));
            e.Add(new WeightTensor("visual.blocks.norm1", TensorRole.Vision, Sharding.Replicated, norm, 1, depth, isVector: true));
            e.Add(new WeightTensor("visual.blocks.attn.qkv", TensorRole.Vision, Sharding.Column, 3 * width, width, depth));
            e.Add(new WeightTensor("visual.blocks.attn.qkv.bias", TensorRole.Vision, Sharding.Column, 3 * width, 1, depth, isVector: true));
            e.Add(new WeightTensor("visual.blocks.attn.proj", TensorRole.Vision, Sharding.Row, width, width, depth));
            e.Add(new WeightTensor("visual.blocks.attn.proj.bias", TensorRole.Vision, Sharding.Replicated, width, 1, depth, isVector: true));
            e.Add(new WeightTensor("visual.blocks.norm2", TensorRole.Vision, Sharding.Replicated, norm, 1, depth, isVector: true));
            int upProjections = qwen25 ? 2 : 1; // gate and up, or fc1
            e.Add(new WeightTensor("visual.blocks.mlp.up", TensorRole.Vision, Sharding.Column, upProjections * mlp, width, depth));
            e.Add(new WeightTensor("visual.blocks.mlp.up.bias", TensorRole.Vision, Sharding.Column, upProjections * mlp, 1, depth, isVector: true));
            e.Add(new WeightTensor("visual.blocks.mlp.down", TensorRole.Vision, Sharding.Row, width, mlp, depth));
            e.Add(new WeightTensor("visual.blocks.mlp.down.bias", TensorRole.Vision, Sharding.Replicated, width, 1, depth, isVector: true));
            e.Add(new WeightTensor("visual.merger.ln_q", TensorRole.Vision, Sharding.Replicated, norm, 1, isVector: true));
            e.Add(new WeightTensor("visual.merger.mlp.0", TensorRole.Vision, Sharding.Column, merged, merged));
            e.Add(new WeightTensor("visual.merger.mlp.0.bias", TensorRole.Vision, Sharding.Column, merged, 1, isVector: true));
            e.Add(new WeightTensor("visual.merger.mlp.2", TensorRole.Vision, Sharding.Row, output, merged));
            e.Add(new WeightTensor("visual.merger.mlp.2.bias", TensorRole.Vision, Sharding.Replicated, output, 1, isVector: true));
        }
    }
}
