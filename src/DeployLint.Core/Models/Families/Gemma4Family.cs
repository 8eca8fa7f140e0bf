using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Gemma 4 (transformers Gemma4ForConditionalGeneration / Gemma4ForCausalLM; vLLM gemma4.py, gemma4_mm.py). Gemma 3's
    /// layer (four norms, q/k norms, a weightless v norm) with two attention shapes: sliding layers use head_dim and
    /// num_key_value_heads, full layers global_head_dim and, under attention_k_eq_v, num_global_key_value_heads with no
    /// v_proj (vLLM loads K into the V slot of its fused QKV, so that slot is in memory but not in the checkpoint).
    /// enable_moe_block adds routed experts beside the dense MLP (the 26B A4B): a router with a per-dimension scale,
    /// per-expert output scales and three more norms. The E2B / E4B add per-layer embeddings
    /// (hidden_size_per_layer_input), KV-shared last layers (num_kv_shared_layers, with double-wide MLPs under
    /// use_double_wide_mlp) and a conformer audio tower. Every checkpoint has the vision tower: a patch projection, a 2-D
    /// position table, Gemma-style encoder layers, and the embedder that projects into the text width.
    /// </summary>
    internal sealed class Gemma4Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "gemma4", "gemma4_text" };

        // transformers/models/gemma4/configuration_gemma4.py, Gemma4TextConfig field defaults (global_head_dim: the
        // __post_init__ kwargs default).
        private static readonly (string Key, string Value)[] TextDefaults =
        {
            ("vocab_size", "262144"), ("hidden_size", "2304"), ("intermediate_size", "9216"), ("num_hidden_layers", "30"),
            ("num_attention_heads", "8"), ("num_key_value_heads", "4"), ("head_dim", "256"), ("global_head_dim", "512"),
            ("max_position_embeddings", "131072"), ("sliding_window", "512"), ("tie_word_embeddings", "true"),
            ("vocab_size_per_layer_input", "262144"), ("hidden_size_per_layer_input", "256"),
        };

        public Architecture Build(ModelConfig c)
        {
            bool multimodal = c.ModelType == "gemma4";
            var text = multimodal
                ? Parts.TextConfig(c, TextDefaults)
                : Parts.TextSection(c.Root, c.Root, c.SourcePath, TextDefaults);
            var a = new Architecture { Family = "gemma4" };
            Parts.Common(a, text);
            a.TiedEmbeddings = text.Bool("tie_word_embeddings", true);
            long layers = text.Int("num_hidden_layers");
            long globalHeadDim = text.Int("global_head_dim", a.HeadDim);
            bool keyIsValue = text.Bool("attention_k_eq_v", false);
            long globalKvHeads = keyIsValue ? text.Int("num_global_key_value_heads", a.KeyValueHeads) : a.KeyValueHeads;
            long window = text.Int("sliding_window", 0);
            long perLayerInput = text.Int("hidden_size_per_layer_input", 0);

            // One cos/sin cache per rope: the sliding layers' over head_dim, the full layers' proportional rope over all
            // of global_head_dim (vLLM Gemma4RotaryEmbedding pads the unrotated dims with the identity).
            a.RotaryDim = a.HeadDim;
            a.RotaryPositions = a.DerivedMaxModelLen + a.DerivedMaxModelLen * globalHeadDim / Math.Max(1, a.HeadDim);
            a.RotaryCaches = $"sliding {a.DerivedMaxModelLen:N0} x {a.HeadDim} + full {a.DerivedMaxModelLen:N0} x {globalHeadDim}, as positions at {a.HeadDim}";

            if (perLayerInput > 0)
            {
                long vocab = text.Int("vocab_size_per_layer_input", a.VocabSize);
                a.Embedding.Add(new WeightTensor("embed_tokens_per_layer", TensorRole.Embedding, Sharding.Vocab, vocab, layers * perLayerInput));
                a.Embedding.Add(new WeightTensor("per_layer_model_projection", TensorRole.Embedding, Sharding.Column, layers * perLayerInput, a.HiddenSize));
                a.Embedding.Add(Parts.Norm("per_layer_projection_norm", perLayerInput));
            }
            bool moe = text.Bool("enable_moe_block", false);
            long experts = moe ? text.Int("num_experts") : 0;
            long moeIntermediate = moe ? text.Int("moe_intermediate_size") : 0;
            if (moe) a.Moe = new MoeInfo(experts, text.Int("top_k_experts"), 1, moeIntermediate);

            // The last num_kv_shared_layers layers (E2B: 20 of 35, E4B: 18 of 42) attend to the cache of the last earlier layer
            // of their type and keep none (vLLM Gemma4Attention kv_sharing_target_layer_name). Their k/v projections are
            // still built (vLLM's fused QKV), and use_double_wide_mlp doubles their MLP.
            long shared = Math.Max(0, text.Int("num_kv_shared_layers", 0));
            if (shared >= layers) throw new ModelConfigException($"num_kv_shared_layers is {shared} but the model has {layers} layers; the first layer must keep its own cache", text.SpanOf("num_kv_shared_layers"));
            long sharedIntermediate = a.IntermediateSize * (text.Bool("use_double_wide_mlp", false) ? 2 : 1);
            var slides = Parts.SlidingLayers(text, layers, i => (i + 1) % 6 != 0);
            var kinds = new Dictionary<(bool Slides, bool Shared), DecoderLayer>();
            for (int i = 0; i < layers; i++)
            {
                // Gemma4TextConfig forces the last layer to full attention whatever layer_types says.
                bool sliding = window > 0 && slides[i] && i != layers - 1;
                bool sharesCache = i >= layers - shared;
                if (!kinds.TryGetValue((sliding, sharesCache), out var layer))
                {
                    long intermediate = sharesCache ? sharedIntermediate : a.IntermediateSize;
                    var kv = sliding
                        ? new KvLayout(AttentionKind.Gqa, a.KeyValueHeads, a.HeadDim, 0, window)
                        : new KvLayout(AttentionKind.Gqa, globalKvHeads, globalHeadDim, 0, 0);
                    var tensors = sliding
                        ? Layer(a, a.KeyValueHeads, a.HeadDim, withValue: true, intermediate, experts, moeIntermediate, perLayerInput)
                        : Layer(a, globalKvHeads, globalHeadDim, withValue: !keyIsValue, intermediate, experts, moeIntermediate, perLayerInput);
                    layer = kinds[(sliding, sharesCache)] = new DecoderLayer(tensors, sharesCache ? kv.SharingAnEarlierCache() : kv, moe);
                }
                a.Layers.Add(layer);
            }
            if (multimodal)
            {
                AddVisionTower(a, c);
                AddAudioTower(a, c);
            }
            Parts.Finish(a);
            return a;
        }

        private static List<WeightTensor> Layer(Architecture a, long kvHeads, long headDim, bool withValue, long intermediate, long experts, long moeIntermediate, long perLayerInput)
        {
            long h = a.HiddenSize;
            long q = a.AttentionHeads * headDim;
            long kv = kvHeads * headDim;
            var t = new List<WeightTensor>
            {
                Parts.Norm("input_layernorm", h),
                new WeightTensor("q_proj", TensorRole.Attention, Sharding.Column, q, h),
                new WeightTensor("k_proj", TensorRole.Attention, Sharding.KvHeads, kv, h, headSize: headDim),
                new WeightTensor("v_proj", TensorRole.Attention, Sharding.KvHeads, kv, h, headSize: headDim, isBuffer: !withValue),
                new WeightTensor("o_proj", TensorRole.Attention, Sharding.Row, h, q),
                Parts.Norm("q_norm", headDim),
                Parts.Norm("k_norm", headDim),
                Parts.Norm("post_attention_layernorm", h),
                Parts.Norm("pre_feedforward_layernorm", h),
            };
            Parts.GatedMlp(t, h, intermediate, TensorRole.Mlp);
            t.Add(Parts.Norm("post_feedforward_layernorm", h));
            if (experts > 0)
            {
                t.Add(new WeightTensor("router.proj", TensorRole.Router, Sharding.Replicated, experts, h));
                t.Add(new WeightTensor("router.scale", TensorRole.Router, Sharding.Replicated, h, 1, isVector: true));
                t.Add(new WeightTensor("moe.per_expert_scale", TensorRole.Router, Sharding.Replicated, experts, 1, isVector: true));
                Parts.Experts(t, h, moeIntermediate, experts);
                t.Add(Parts.Norm("post_feedforward_layernorm_1", h));
                t.Add(Parts.Norm("post_feedforward_layernorm_2", h));
                t.Add(Parts.Norm("pre_feedforward_layernorm_2", h));
            }
            if (perLayerInput > 0)
            {
                t.Add(new WeightTensor("per_layer_input_gate", TensorRole.Mlp, Sharding.Replicated, perLayerInput, h));
                t.Add(new WeightTensor("per_layer_projection", TensorRole.Mlp, Sharding.Replicated, h, perLayerInput));
                t.Add(Parts.Norm("post_per_layer_input_norm", h));
            }
            // A persistent buffer of the checkpoint: in memory, not a parameter.
            t.Add(new WeightTensor("layer_scalar", TensorRole.Norm, Sharding.Replicated, 1, 1, isVector: true, isBuffer: true));
            return t;
        }

        /// <summary>
        /// Gemma4VisionModel and embed_vision (vLLM gemma4_mm.py): input_proj over 3 x patch^2 pixels, a
        /// [2, position_embedding_size, hidden] table, encoder layers shaped like the decoder's (q/k/v/o, q/k norms, four
        /// norms, gated MLP), the standardization bias and scale when configured, and a bias-free projection into the text width.
        /// </summary>
        private static void AddVisionTower(Architecture a, ModelConfig c)
        {
            if (!(Parts.VisionConfig(c) is ModelConfig v)) return;
            long hidden = v.Int("hidden_size", 768);
            long intermediate = v.Int("intermediate_size", 3072);
            long layers = v.Int("num_hidden_layers", 16);
            long heads = v.Int("num_attention_heads", 12);
            long kvHeads = v.Int("num_key_value_heads", heads);
            long headDim = v.Int("head_dim", 64);
            long patch = v.Int("patch_size", 16);
            long positions = v.Int("position_embedding_size", 10240);
            var e = a.Embedding;
            e.Add(new WeightTensor("vision.patch_embedder.input_proj", TensorRole.Vision, Sharding.Replicated, hidden, 3 * patch * patch));
            e.Add(new WeightTensor("vision.patch_embedder.position_embedding_table", TensorRole.Vision, Sharding.Replicated, 2 * positions, hidden));
            e.Add(new WeightTensor("vision.q_proj", TensorRole.Vision, Sharding.Column, heads * headDim, hidden, layers));
            e.Add(new WeightTensor("vision.k_proj", TensorRole.Vision, Sharding.Column, kvHeads * headDim, hidden, layers));
            e.Add(new WeightTensor("vision.v_proj", TensorRole.Vision, Sharding.Column, kvHeads * headDim, hidden, layers));
            e.Add(new WeightTensor("vision.o_proj", TensorRole.Vision, Sharding.Row, hidden, heads * headDim, layers));
            e.Add(new WeightTensor("vision.qk_norms", TensorRole.Vision, Sharding.Replicated, 2 * headDim, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.layer_norms", TensorRole.Vision, Sharding.Replicated, 4 * hidden, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.mlp.gate_up_proj", TensorRole.Vision, Sharding.Column, 2 * intermediate, hidden, layers));
            e.Add(new WeightTensor("vision.mlp.down_proj", TensorRole.Vision, Sharding.Row, hidden, intermediate, layers));
            if (v.Bool("standardize", false)) e.Add(new WeightTensor("vision.std_bias_and_scale", TensorRole.Vision, Sharding.Replicated, 2 * hidden, 1, isVector: true));
            e.Add(new WeightTensor("embed_vision.embedding_projection", TensorRole.Vision, Sharding.Replicated, a.HiddenSize, hidden));
        }

        /// <summary>
        /// Gemma4AudioModel (the E2B / E4B conformer, transformers modeling_gemma4.py) and embed_audio: two stride-2 3x3
        /// convolutions with bias-free LayerNorms and a projection to hidden_size; per layer two feed-forward halves
        /// (hidden -> 4 x hidden -> hidden, two norms each), attention (q/k/v/post, relative_k_proj, per_dim_scale), a light
        /// convolution (linear_start to 2 x hidden, a depthwise conv of conv_kernel_size, linear_end, two norms) and three
        /// norms; output_proj with bias to output_proj_dims, then a bias-free projection into the text width.
        /// </summary>
        private static void AddAudioTower(Architecture a, ModelConfig c)
        {
            if (!(c.Section("audio_config") is YMapping section)) return;
            var audio = new ModelConfig(section, c.SourcePath);
            long hidden = audio.Int("hidden_size", 1024);
            long layers = audio.Int("num_hidden_layers", 12);
            long heads = Math.Max(1, audio.Int("num_attention_heads", 8));
            long kernel = audio.Int("conv_kernel_size", 5);
            long output = audio.Int("output_proj_dims", 1536);
            var channels = audio.IntList("subsampling_conv_channels");
            long c0 = channels.Count > 0 ? channels[0] : 128, c1 = channels.Count > 1 ? channels[1] : 32;
            var e = a.Embedding;
            e.Add(new WeightTensor("audio.subsample.conv0", TensorRole.Vision, Sharding.Replicated, c0, 9));
            e.Add(new WeightTensor("audio.subsample.norm0", TensorRole.Vision, Sharding.Replicated, c0, 1, isVector: true));
            e.Add(new WeightTensor("audio.subsample.conv1", TensorRole.Vision, Sharding.Replicated, c1, c0 * 9));
            e.Add(new WeightTensor("audio.subsample.norm1", TensorRole.Vision, Sharding.Replicated, c1, 1, isVector: true));
            e.Add(new WeightTensor("audio.subsample.input_proj_linear", TensorRole.Vision, Sharding.Replicated, hidden, c0 / 4 * c1));
            e.Add(new WeightTensor("audio.feed_forward", TensorRole.Vision, Sharding.Replicated, 4 * hidden, hidden, 4 * layers));
            e.Add(new WeightTensor("audio.attention.q_k_v_post_relative_k", TensorRole.Vision, Sharding.Replicated, 5 * hidden, hidden, layers));
            e.Add(new WeightTensor("audio.attention.per_dim_scale", TensorRole.Vision, Sharding.Replicated, hidden / heads, 1, layers, isVector: true));
            e.Add(new WeightTensor("audio.lconv1d.linear_start_end", TensorRole.Vision, Sharding.Replicated, 3 * hidden, hidden, layers));
            e.Add(new WeightTensor("audio.lconv1d.depthwise_conv1d", TensorRole.Vision, Sharding.Replicated, hidden, kernel, layers));
            // Feed-forward pre/post (2 x 2), light-conv pre and conv norms (2), and the layer's three.
            e.Add(new WeightTensor("audio.norms", TensorRole.Vision, Sharding.Replicated, 9 * hidden, 1, layers, isVector: true));
            e.Add(new WeightTensor("audio.output_proj", TensorRole.Vision, Sharding.Replicated, output, hidden));
            e.Add(new WeightTensor("audio.output_proj.bias", TensorRole.Vision, Sharding.Replicated, output, 1, isVector: true));
            e.Add(new WeightTensor("embed_audio.embedding_projection", TensorRole.Vision, Sharding.Replicated, a.HiddenSize, output));
        }
    }
}
