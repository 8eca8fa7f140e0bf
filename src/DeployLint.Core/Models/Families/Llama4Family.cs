using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Llama 4 (transformers Llama4ForConditionalGeneration / Llama4ForCausalLM; vLLM llama4.py and mllama4.py). The
    /// text model: bias-free attention with weightless q/k L2 norms; every interleave_moe_layer_step-th layer a MoE of
    /// num_local_experts gated experts (top num_experts_per_tok) plus one shared expert of intermediate_size, the others a
    /// dense gated MLP of intermediate_size_mlp; RoPE layers use chunked local attention (attention_chunk_size), every
    /// no_rope_layer_interval-th layer is a global NoPE layer. One rotary cache of max_position_embeddings positions. The
    /// vision encoder (Llama4VisionModel: unfold-conv patch embedding, class and position embeddings, LayerNorms with
    /// bias, attention and GELU MLP with biases), the pixel-shuffle adapter MLP and the projector follow vision_config.
    /// Llama-4-Scout-17B-16E: 108,641,793,536 parameters.
    /// </summary>
    internal sealed class Llama4Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "llama4", "llama4_text" };

        // transformers/models/llama4/configuration_llama4.py, Llama4TextConfig.__init__ defaults.
        private static readonly (string Key, string Value)[] TextDefaults =
        {
            ("vocab_size", "202048"), ("hidden_size", "5120"), ("intermediate_size", "8192"), ("intermediate_size_mlp", "16384"),
            ("num_hidden_layers", "48"), ("num_attention_heads", "40"), ("num_key_value_heads", "8"), ("head_dim", "128"),
            ("max_position_embeddings", "131072"), ("num_local_experts", "16"), ("num_experts_per_tok", "1"),
            ("interleave_moe_layer_step", "1"), ("no_rope_layer_interval", "4"), ("attention_chunk_size", "8192"),
            ("tie_word_embeddings", "false"),
        };

        public Architecture Build(ModelConfig c)
        {
            bool multimodal = c.ModelType == "llama4";
            var text = multimodal ? Parts.TextConfig(c, TextDefaults) : Parts.TextSection(c.Root, c.Root, c.SourcePath, TextDefaults);
            var a = new Architecture { Family = "llama4" };
            Parts.Common(a, text);
            if (multimodal) a.TiedEmbeddings = c.Bool("tie_word_embeddings", a.TiedEmbeddings);
            long h = a.HiddenSize;
            long experts = text.Int("num_local_experts");
            long topK = text.Int("num_experts_per_tok");
            long expertIntermediate = a.IntermediateSize;
            long denseIntermediate = text.Int("intermediate_size_mlp");
            long moeStep = Math.Max(1, text.Int("interleave_moe_layer_step", 1));
            long noRopeInterval = text.Int("no_rope_layer_interval", 4);
            long chunk = text.Int("attention_chunk_size", 0);
            var noRopeList = text.IntList("no_rope_layers");
            long layers = text.Int("num_hidden_layers");
            a.Moe = new MoeInfo(experts, topK, 1, expertIntermediate);

            List<WeightTensor> Layer(bool moe)
            {
                var t = new List<WeightTensor>();
                t.Add(Parts.Norm("input_layernorm", h));
                Parts.Attention(t, a, qkvBias: false, oBias: false, qkNorm: false);
                t.Add(Parts.Norm("post_attention_layernorm", h));
                if (!moe)
                {
                    Parts.GatedMlp(t, h, denseIntermediate, TensorRole.Mlp);
                    return t;
                }
                t.Add(new WeightTensor("feed_forward.router", TensorRole.Router, Sharding.Replicated, experts, h));
                Parts.Experts(t, h, expertIntermediate, experts);
                Parts.GatedMlp(t, h, expertIntermediate, TensorRole.SharedExpert, prefix: "feed_forward.shared_expert");
                return t;
            }

            var global = Parts.Gqa(a, 0);
            var local = chunk > 0 ? new KvLayout(AttentionKind.Gqa, a.KeyValueHeads, a.HeadDim, 0, 0, chunk) : global;
            List<WeightTensor>? moeTensors = null, denseTensors = null;
            var built = new Dictionary<(bool Moe, bool Rope), DecoderLayer>();
            for (int i = 0; i < layers; i++)
            {
                bool moe = experts > 0 && (i + 1) % moeStep == 0;
                // no_rope_layers holds 1 for RoPE layers and 0 for NoPE ones; empty means "every no_rope_layer_interval-th is NoPE".
                bool rope = noRopeList.Count == layers ? noRopeList[i] != 0 : noRopeInterval <= 0 || (i + 1) % noRopeInterval != 0;
                if (!built.TryGetValue((moe, rope), out var layer))
                {
                    var tensors = moe ? moeTensors ??= Layer(true) : denseTensors ??= Layer(false);
                    layer = new DecoderLayer(tensors, rope ? local : global, isMoe: moe);
                    built[(moe, rope)] = layer;
                }
                a.Layers.Add(layer);
            }
            Parts.Finish(a);
            if (multimodal) AddVisionTower(a, c);
            return a;
        }

        /// <summary>vLLM mllama4.py with the vision encoder TP-sharded (mm_encoder_tp_mode "weights", the default).</summary>
        private static void AddVisionTower(Architecture a, ModelConfig c)
        {
            if (!(Parts.VisionConfig(c) is ModelConfig vision)) return;
            // Defaults: transformers Llama4VisionConfig.__init__.
            long hidden = vision.Int("hidden_size", 768);
            long intermediate = vision.Int("intermediate_size", 5632);
            long layers = vision.Int("num_hidden_layers", 34);
            long patch = vision.Int("patch_size", 14);
            long image = vision.Int("image_size", 448);
            long channels = vision.Int("num_channels", 3);
            long projectorIn = vision.Int("projector_input_dim", 4096);
            long projectorOut = vision.Int("projector_output_dim", 4096);
            long visionOut = vision.Int("vision_output_dim", 7680);
            long positions = (image / patch) * (image / patch) + 1;
            var e = a.Embedding;
            e.Add(new WeightTensor("vision.patch_embedding.linear", TensorRole.Vision, Sharding.Column, hidden, channels * patch * patch));
            e.Add(new WeightTensor("vision.class_embedding", TensorRole.Vision, Sharding.Replicated, hidden, 1, isVector: true));
            e.Add(new WeightTensor("vision.positional_embedding_vlm", TensorRole.Vision, Sharding.Replicated, positions, hidden));
            e.Add(new WeightTensor("vision.layernorm_pre", TensorRole.Vision, Sharding.Replicated, 2 * hidden, 1, isVector: true));
            e.Add(new WeightTensor("vision.layernorm_post", TensorRole.Vision, Sharding.Replicated, 2 * hidden, 1, isVector: true));
            Parts.VisionEncoderLayers(e, hidden, intermediate, layers);
            e.Add(new WeightTensor("vision.vision_adapter.fc1", TensorRole.Vision, Sharding.Column, projectorIn, intermediate));
            e.Add(new WeightTensor("vision.vision_adapter.fc2", TensorRole.Vision, Sharding.Row, projectorOut, projectorIn));
            e.Add(new WeightTensor("multi_modal_projector.linear_1", TensorRole.Vision, Sharding.Replicated, a.HiddenSize, visionOut));
        }
    }
}
