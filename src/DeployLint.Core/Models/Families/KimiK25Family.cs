using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>
    /// Kimi K2.5 (KimiK25ForConditionalGeneration): Kimi-K2's DeepSeek-V3 decoder in text_config and the MoonViT3d vision
    /// encoder with its patch-merger projector (TensorRT-LLM modeling_kimi_k25.py, ported from the Hugging Face repository):
    /// a 14 x 14 patch convolution, a learnable 64 x 64 position grid, ViT layers with biased LayerNorms, QKV, output and
    /// GELU MLP, a final LayerNorm, then LayerNorm, Linear(4h, 4h) and Linear(4h, text hidden) over 2 x 2 merged patches.
    /// </summary>
    internal sealed class KimiK25Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "kimi_k25" };

        private static readonly (string Key, string Value)[] TextDefaults = { ("model_type", "kimi_k2") };

        public Architecture Build(ModelConfig c)
        {
            var a = new DeepseekV3Family().Build(Parts.TextConfig(c, TextDefaults));
            a.Family = "kimi_k25";
            AddVisionTower(a, c);
            return a;
        }

        private static void AddVisionTower(Architecture a, ModelConfig c)
        {
            if (!(Parts.VisionConfig(c) is ModelConfig vision)) return;
            // The checkpoint's vt_-prefixed keys, the unprefixed ones as a fallback; defaults as the modeling code has them.
            long hidden = vision.Int("vt_hidden_size", vision.Int("hidden_size", 1152));
            long layers = vision.Int("vt_num_hidden_layers", vision.Int("num_hidden_layers", 27));
            long intermediate = vision.Int("vt_intermediate_size", vision.Int("intermediate_size", 4304));
            long patch = vision.Int("patch_size", 14);
            long projectorIn = vision.Int("mm_hidden_size", hidden);
            long merged = projectorIn * 4; // merge_kernel_size (2, 2): four patches per token
            var e = a.Embedding;
            e.Add(new WeightTensor("vision_tower.patch_embed.proj", TensorRole.Vision, Sharding.Replicated, hidden, 3 * patch * patch));
            e.Add(new WeightTensor("vision_tower.patch_embed.proj.bias", TensorRole.Vision, Sharding.Replicated, hidden, 1, isVector: true));
            e.Add(new WeightTensor("vision_tower.patch_embed.pos_emb", TensorRole.Vision, Sharding.Replicated,
                vision.Int("init_pos_emb_height", 64) * vision.Int("init_pos_emb_width", 64), hidden));
            Parts.VisionEncoderLayers(e, hidden, intermediate, layers);
            e.Add(new WeightTensor("vision_tower.encoder.final_layernorm", TensorRole.Vision, Sharding.Replicated, 2 * hidden, 1, isVector: true));
            e.Add(new WeightTensor("mm_projector.pre_norm", TensorRole.Vision, Sharding.Replicated, 2 * projectorIn, 1, isVector: true));
            e.Add(new WeightTensor("mm_projector.proj.0", TensorRole.Vision, Sharding.Column, merged, merged));
            e.Add(new WeightTensor("mm_projector.proj.0.bias", TensorRole.Vision, Sharding.Column, merged, 1, isVector: true));
            e.Add(new WeightTensor("mm_projector.proj.2", TensorRole.Vision, Sharding.Row, a.HiddenSize, merged));
            e.Add(new WeightTensor("mm_projector.proj.2.bias", TensorRole.Vision, Sharding.Replicated, a.HiddenSize, 1, isVector: true));
        }
    }
}
