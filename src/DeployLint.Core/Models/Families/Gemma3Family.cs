using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Gemma 3 (transformers Gemma3ForCausalLM / Gemma3ForConditionalGeneration): Gemma 2's layer plus q/k norms, five
    /// sliding-window layers to one global; the 4B-27B checkpoints add a SigLIP vision tower and a projector. Text
    /// fields live in text_config, with Gemma3TextConfig's defaults for the keys a checkpoint leaves out.
    /// </summary>
    internal sealed class Gemma3Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "gemma3", "gemma3_text" };

        // transformers/models/gemma3/configuration_gemma3.py, Gemma3TextConfig.__init__ defaults.
        private static readonly (string Key, string Value)[] TextDefaults =
        {
            ("vocab_size", "262208"), ("hidden_size", "2304"), ("intermediate_size", "9216"), ("num_hidden_layers", "26"),
            ("num_attention_heads", "8"), ("num_key_value_heads", "4"), ("head_dim", "256"), ("max_position_embeddings", "131072"),
            ("sliding_window", "4096"), ("sliding_window_pattern", "6"), ("tie_word_embeddings", "true"),
        };

        public Architecture Build(ModelConfig c)
        {
            bool multimodal = c.ModelType == "gemma3";
            var text = multimodal ? TextConfig(c) : WithDefaults(c.Root, c.Root, c.SourcePath);
            var a = new Architecture { Family = "gemma3" };
            Parts.Common(a, text);
            a.TiedEmbeddings = text.Bool("tie_word_embeddings", true);
            // vLLM _get_and_verify_max_len skips the rope-scaling factor for gemma3: max_position_embeddings already holds it.
            // Its rotary caches do not: the sliding layers' local rope (rope_local_base_freq, unscaled) and the global
            // layers' rope are two caches, and a linear-scaled one holds max_position_embeddings x factor positions
            // (vLLM LinearScalingRotaryEmbedding._compute_cos_sin_cache), 512 MiB at 131,072 x 8 x 256 x 2 bytes.
            long globalRopePositions = a.DerivedMaxModelLen;
            a.DerivedMaxModelLen = a.MaxPositionEmbeddings;
            a.RotaryPositions = a.MaxPositionEmbeddings + globalRopePositions;
            a.RotaryCaches = $"local {a.MaxPositionEmbeddings:N0} + global {globalRopePositions:N0}";
            if (multimodal) AddVisionTower(a, c);
            long window = text.Int("sliding_window", 0);
            long pattern = text.Int("sliding_window_pattern", 6);
            var t = Gemma2Family.GemmaLayer(a, qkNorm: true);
            var full = new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: false);
            var sliding = window > 0 ? new DecoderLayer(t, Parts.Gqa(a, window), isMoe: false) : full;
            Parts.SlidingAndFullLayers(a, text, text.Int("num_hidden_layers"), sliding, full, i => pattern > 0 && (i + 1) % pattern != 0);
            Parts.Finish(a);
            return a;
        }

        /// <summary>text_config over the defaults, with the checkpoint-level dtype and quantization.</summary>
        private static ModelConfig TextConfig(ModelConfig c)
        {
            return WithDefaults(Parts.RequiredTextSection(c), c.Root, c.SourcePath);
        }

        private static ModelConfig WithDefaults(YMapping section, YMapping root, string path) => Parts.TextSection(section, root, path, TextDefaults);

        /// <summary>SigLIP (transformers SiglipVisionModel, vLLM siglip.py: QKV and fc1 column-parallel, out_proj and fc2 row-parallel) and Gemma3MultiModalProjector.</summary>
        private static void AddVisionTower(Architecture a, ModelConfig c)
        {
            if (!(Parts.VisionConfig(c) is ModelConfig vision)) return;
            long hidden = vision.Int("hidden_size", 1152);
            long intermediate = vision.Int("intermediate_size", 4304);
            long layers = vision.Int("num_hidden_layers", 27);
            long patch = vision.Int("patch_size", 14);
            long image = vision.Int("image_size", 896);
            long channels = vision.Int("num_channels", 3);
            long positions = (image / patch) * (image / patch);
            var e = a.Embedding;
            e.Add(new WeightTensor("vision.patch_embedding", TensorRole.Vision, Sharding.Replicated, hidden, channels * patch * patch));
            e.Add(new WeightTensor("vision.patch_embedding.bias", TensorRole.Vision, Sharding.Replicated, hidden, 1, isVector: true));
            e.Add(new WeightTensor("vision.position_embedding", TensorRole.Vision, Sharding.Replicated, positions, hidden));
            Parts.VisionEncoderLayers(e, hidden, intermediate, layers);
            e.Add(new WeightTensor("vision.post_layernorm", TensorRole.Vision, Sharding.Replicated, 2 * hidden, 1, isVector: true));
            e.Add(new WeightTensor("multi_modal_projector.mm_input_projection_weight", TensorRole.Vision, Sharding.Replicated, hidden, a.HiddenSize));
            e.Add(new WeightTensor("multi_modal_projector.mm_soft_emb_norm", TensorRole.Vision, Sharding.Replicated, hidden, 1, isVector: true));
        }
    }
}
