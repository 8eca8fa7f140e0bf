using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>Helpers shared by the family builders: the pieces every decoder has.</summary>
    internal static class Parts
    {
        public static void Common(Architecture a, ModelConfig c)
        {
            a.HiddenSize = c.Int("hidden_size");
            a.VocabSize = c.Int("vocab_size");
            a.AttentionHeads = c.Int("num_attention_heads");
            a.KeyValueHeads = c.Int("num_key_value_heads", a.AttentionHeads);
            a.HeadDim = c.Int("head_dim", a.AttentionHeads > 0 ? a.HiddenSize / a.AttentionHeads : 0);
            a.IntermediateSize = c.Int("intermediate_size", 0);
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", false);
            a.ConfigDtype = c.OptionalString("torch_dtype") ?? c.OptionalString("dtype") ?? "bfloat16";
            a.MaxPositionEmbeddings = MaxPositions(c);
            a.DerivedMaxModelLen = DeriveMaxModelLen(c, a.MaxPositionEmbeddings);
            a.RotaryDim = a.HeadDim;
            a.RotaryPositions = a.DerivedMaxModelLen;
            long layers = c.Int("num_hidden_layers");
            if (layers <= 0 || layers > 10_000) throw new ModelConfigException($"config.json 'num_hidden_layers' is {layers}; it must be positive", c.SpanOf("num_hidden_layers"));
            a.Embedding.Add(new WeightTensor("embed_tokens", TensorRole.Embedding, Sharding.Vocab, a.VocabSize, a.HiddenSize));
        }

        /// <summary>A multimodal wrapper's vision_config as a config of its own; null for a text-only checkpoint.</summary>
        public static ModelConfig? VisionConfig(ModelConfig c) =>
            c.Section("vision_config") is YMapping section ? new ModelConfig(section, c.SourcePath) : null;

        /// <summary>The text_config a multimodal wrapper's config.json must have.</summary>
        public static YMapping RequiredTextSection(ModelConfig c) =>
            c.Section("text_config") ?? throw new ModelConfigException($"a {c.ModelType} config.json needs 'text_config'", c.Root.Span);

        /// <summary>A multimodal wrapper's language model: its required text_config over the defaults of its config class.</summary>
        public static ModelConfig TextConfig(ModelConfig c, (string Key, string Value)[] defaults) =>
            TextSection(RequiredTextSection(c), c.Root, c.SourcePath, defaults);

        /// <summary>
        /// A multimodal wrapper's language model built as the decoder family it copies: its text_config over the defaults,
        /// with model_type set to that family's (Qwen3-VL's qwen3_vl_text is Qwen3's decoder).
        /// </summary>
        public static ModelConfig TextConfigAs(ModelConfig c, string modelType, (string Key, string Value)[] defaults) =>
            TextSectionAs(RequiredTextSection(c), c, modelType, defaults);

        /// <summary>A language model section (text_config, or the root of a flat multimodal config) read as <paramref name="modelType"/>.</summary>
        public static ModelConfig TextSectionAs(YMapping section, ModelConfig c, string modelType, (string Key, string Value)[] defaults)
        {
            var renamed = new YMapping(section.Span);
            renamed.Add(new YScalar("model_type", false, section.Span), new YScalar(modelType, true, section.Span));
            foreach (var e in section.Entries)
            {
                if (e.Key.Value != "model_type") renamed.Add(e.Key, e.Value);
            }
            return TextSection(renamed, c.Root, c.SourcePath, defaults);
        }

        /// <summary>
        /// The language model's section of a multimodal config.json (text_config) over the defaults its transformers
        /// config class supplies, with the checkpoint-level dtype when the section does not repeat it.
        /// </summary>
        public static ModelConfig TextSection(YMapping section, YMapping root, string path, (string Key, string Value)[] defaults)
        {
            var merged = new YMapping(section.Span);
            foreach (var (key, value) in defaults)
            {
                if (section.Get(key) == null) merged.Add(new YScalar(key, false, section.Span), new YScalar(value, true, section.Span));
            }
            foreach (var e in section.Entries) merged.Add(e.Key, e.Value);
            foreach (var key in new[] { "torch_dtype", "dtype" })
            {
                if (section.Get(key) == null && root.KeyOf(key) is YScalar k && root.Get(key) is YNode v) merged.Add(k, v);
            }
            return new ModelConfig(merged, path);
        }

        /// <summary>The config with the usual key names added where a family writes its own (GPT-2's n_embd for hidden_size), same nodes and spans.</summary>
        public static ModelConfig WithAliases(ModelConfig c, params (string Usual, string Own)[] aliases)
        {
            var merged = new YMapping(c.Root.Span);
            foreach (var e in c.Root.Entries) merged.Add(e.Key, e.Value);
            foreach (var (usual, own) in aliases)
            {
                if (c.Root.Get(usual) == null && c.Root.KeyOf(own) is YScalar key && c.Root.Get(own) is YNode value) merged.Add(new YScalar(usual, true, key.Span), value);
            }
            return new ModelConfig(merged, c.SourcePath);
        }

        public static void Finish(Architecture a)
        {
            a.Head.Add(Norm("norm", a.HiddenSize));
            if (!a.TiedEmbeddings) a.Head.Add(new WeightTensor("lm_head", TensorRole.LmHead, Sharding.Vocab, a.VocabSize, a.HiddenSize));
        }

        public static WeightTensor Norm(string name, long size) => new WeightTensor(name, TensorRole.Norm, Sharding.Replicated, size, 1, isVector: true);

        /// <summary>q/k/v/o as vLLM's QKVParallelLinear and RowParallelLinear shard them.</summary>
        public static void Attention(List<WeightTensor> t, Architecture a, bool qkvBias, bool oBias, bool qkNorm)
        {
            long q = a.AttentionHeads * a.HeadDim;
            long kv = a.KeyValueHeads * a.HeadDim;
            t.Add(new WeightTensor("q_proj", TensorRole.Attention, Sharding.Column, q, a.HiddenSize));
            t.Add(new WeightTensor("k_proj", TensorRole.Attention, Sharding.KvHeads, kv, a.HiddenSize, headSize: a.HeadDim));
            t.Add(new WeightTensor("v_proj", TensorRole.Attention, Sharding.KvHeads, kv, a.HiddenSize, headSize: a.HeadDim));
            if (qkvBias)
            {
                t.Add(new WeightTensor("q_proj.bias", TensorRole.Attention, Sharding.Column, q, 1, isVector: true));
                t.Add(new WeightTensor("k_proj.bias", TensorRole.Attention, Sharding.KvHeads, kv, 1, isVector: true, headSize: a.HeadDim));
                t.Add(new WeightTensor("v_proj.bias", TensorRole.Attention, Sharding.KvHeads, kv, 1, isVector: true, headSize: a.HeadDim));
            }
            t.Add(new WeightTensor("o_proj", TensorRole.Attention, Sharding.Row, a.HiddenSize, q));
            if (oBias) t.Add(new WeightTensor("o_proj.bias", TensorRole.Attention, Sharding.Replicated, a.HiddenSize, 1, isVector: true));
            if (qkNorm)
            {
                t.Add(Norm("q_norm", a.HeadDim));
                t.Add(Norm("k_norm", a.HeadDim));
            }
        }

        /// <summary>Gated MLP: gate and up column-parallel, down row-parallel.</summary>
        public static void GatedMlp(List<WeightTensor> t, long hidden, long intermediate, TensorRole role, bool bias = false, string prefix = "mlp")
        {
            t.Add(new WeightTensor(prefix + ".gate_proj", role, Sharding.Column, intermediate, hidden));
            t.Add(new WeightTensor(prefix + ".up_proj", role, Sharding.Column, intermediate, hidden));
            t.Add(new WeightTensor(prefix + ".down_proj", role, Sharding.Row, hidden, intermediate));
            if (bias)
            {
                t.Add(new WeightTensor(prefix + ".gate_proj.bias", role, Sharding.Column, intermediate, 1, isVector: true));
                t.Add(new WeightTensor(prefix + ".up_proj.bias", role, Sharding.Column, intermediate, 1, isVector: true));
                t.Add(new WeightTensor(prefix + ".down_proj.bias", role, Sharding.Replicated, hidden, 1, isVector: true));
            }
        }

        /// <summary>A non-gated MLP: the up projection column-parallel, the down projection row-parallel, biases where the family has them.</summary>
        public static void PlainMlp(List<WeightTensor> t, long hidden, long intermediate, bool bias, string up, string down)
        {
            t.Add(new WeightTensor(up, TensorRole.Mlp, Sharding.Column, intermediate, hidden));
            t.Add(new WeightTensor(down, TensorRole.Mlp, Sharding.Row, hidden, intermediate));
            if (!bias) return;
            t.Add(new WeightTensor(up + ".bias", TensorRole.Mlp, Sharding.Column, intermediate, 1, isVector: true));
            t.Add(new WeightTensor(down + ".bias", TensorRole.Mlp, Sharding.Replicated, hidden, 1, isVector: true));
        }

        /// <summary>
        /// The GPT-style block (GPT-2, GPT-NeoX, BLOOM, OPT): a LayerNorm with bias before attention and before the MLP,
        /// full multi-head / grouped attention and a non-gated MLP, biases where the family has them.
        /// </summary>
        public static DecoderLayer LayerNormBlock(Architecture a, bool attentionBias, bool mlpBias, string attentionNorm, string mlpNorm, string up, string down)
        {
            var t = new List<WeightTensor> { Norm(attentionNorm, 2 * a.HiddenSize) };
            Attention(t, a, qkvBias: attentionBias, oBias: attentionBias, qkNorm: false);
            t.Add(Norm(mlpNorm, 2 * a.HiddenSize));
            PlainMlp(t, a.HiddenSize, a.IntermediateSize, mlpBias, up, down);
            return new DecoderLayer(t, Gqa(a, 0), isMoe: false);
        }

        /// <summary>num_hidden_layers copies of one layer.</summary>
        public static void Stack(Architecture a, ModelConfig c, DecoderLayer layer)
        {
            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++) a.Layers.Add(layer);
        }

        /// <summary>The biased final LayerNorm and, when untied, the head.</summary>
        public static void LayerNormHead(Architecture a, string norm, string head)
        {
            a.Head.Add(Norm(norm, 2 * a.HiddenSize));
            if (!a.TiedEmbeddings) a.Head.Add(new WeightTensor(head, TensorRole.LmHead, Sharding.Vocab, a.VocabSize, a.HiddenSize));
        }

        /// <summary>Routed experts (w1/w3 then w2) of a MoE layer.</summary>
        public static void Experts(List<WeightTensor> t, long hidden, long intermediate, long experts)
        {
            t.Add(new WeightTensor("experts.gate_proj", TensorRole.RoutedExpert, Sharding.ExpertColumn, intermediate, hidden, experts));
            t.Add(new WeightTensor("experts.up_proj", TensorRole.RoutedExpert, Sharding.ExpertColumn, intermediate, hidden, experts));
            t.Add(new WeightTensor("experts.down_proj", TensorRole.RoutedExpert, Sharding.ExpertRow, hidden, intermediate, experts));
        }

        /// <summary>
        /// The layers of a ViT encoder with biased LayerNorms, attention and GELU MLP (SigLIP, Llama 4's vision model), as
        /// vLLM shards them: fused QKV and fc1 column-parallel, the attention output and fc2 row-parallel.
        /// </summary>
        public static void VisionEncoderLayers(List<WeightTensor> e, long hidden, long intermediate, long layers)
        {
            e.Add(new WeightTensor("vision.norm1", TensorRole.Vision, Sharding.Replicated, 2 * hidden, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.qkv_proj", TensorRole.Vision, Sharding.Column, 3 * hidden, hidden, layers));
            e.Add(new WeightTensor("vision.qkv_proj.bias", TensorRole.Vision, Sharding.Column, 3 * hidden, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.out_proj", TensorRole.Vision, Sharding.Row, hidden, hidden, layers));
            e.Add(new WeightTensor("vision.out_proj.bias", TensorRole.Vision, Sharding.Replicated, hidden, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.norm2", TensorRole.Vision, Sharding.Replicated, 2 * hidden, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.fc1", TensorRole.Vision, Sharding.Column, intermediate, hidden, layers));
            e.Add(new WeightTensor("vision.fc1.bias", TensorRole.Vision, Sharding.Column, intermediate, 1, layers, isVector: true));
            e.Add(new WeightTensor("vision.fc2", TensorRole.Vision, Sharding.Row, hidden, intermediate, layers));
            e.Add(new WeightTensor("vision.fc2.bias", TensorRole.Vision, Sharding.Replicated, hidden, 1, layers, isVector: true));
        }

        /// <summary>
        /// num_hidden_layers layers, each <paramref name="sliding"/> where the config's layer_types says sliding_attention
        /// (when it lists every layer), else where the family's own rule <paramref name="slidesByDefault"/> says so.
        /// </summary>
        public static void SlidingAndFullLayers(Architecture a, ModelConfig c, long layers, DecoderLayer sliding, DecoderLayer full, Func<int, bool> slidesByDefault)
        {
            foreach (bool slides in SlidingLayers(c, layers, slidesByDefault)) a.Layers.Add(slides ? sliding : full);
        }

        /// <summary>Which of num_hidden_layers layers slide: layer_types when it lists every layer, else the family's own rule.</summary>
        public static bool[] SlidingLayers(ModelConfig c, long layers, Func<int, bool> slidesByDefault)
        {
            var types = c.StringList("layer_types");
            var slides = new bool[layers];
            for (int i = 0; i < layers; i++) slides[i] = types.Count == layers ? types[i] == "sliding_attention" : slidesByDefault(i);
            return slides;
        }

        public static KvLayout Gqa(Architecture a, long slidingWindow) => new KvLayout(AttentionKind.Gqa, a.KeyValueHeads, a.HeadDim, 0, slidingWindow);

        private static readonly string[] PositionKeys = { "max_position_embeddings", "n_positions", "max_seq_len", "seq_length", "max_sequence_length", "max_seq_length", "seq_len" };

        private static long MaxPositions(ModelConfig c)
        {
            long best = 0;
            foreach (var key in PositionKeys)
            {
                long v = c.Int(key, 0);
                if (v > 0 && (best == 0 || v < best)) best = v;
            }
            if (best == 0) throw new ModelConfigException("config.json has no max_position_embeddings (or equivalent); the model's context length is unknown", c.Root.Span);
            return best;
        }

        /// <summary>vLLM's _get_and_verify_max_len: rope scaling multiplies the context unless it is llama3/longrope style.</summary>
        private static long DeriveMaxModelLen(ModelConfig c, long maxPositions)
        {
            var scaling = c.Section("rope_scaling");
            if (scaling == null) return maxPositions;
            string? type = (scaling.Get("rope_type") as YScalar)?.Value ?? (scaling.Get("type") as YScalar)?.Value;
            if (type == null || type == "su" || type == "longrope" || type == "llama3" || type == "mrope" || type == "default") return maxPositions;
            double factor = 1;
            if (type != "dynamic" && scaling.Get("factor") is YScalar f &&
                double.TryParse(f.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                factor = parsed;
            }
            long derived = maxPositions;
            if (type == "yarn" && scaling.Get("original_max_position_embeddings") is YScalar o &&
                long.TryParse(o.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var original))
            {
                derived = original;
            }
            return (long)(derived * factor);
        }

        /// <summary>
        /// The Qwen3-VL vision tower (vLLM qwen3_vl.py Qwen3_VisionTransformer): a Conv3d patch embedding with bias, learned
        /// position embeddings, blocks of biased LayerNorms, fused QKV and projection, a GELU MLP, and the patch merger
        /// (LayerNorm over the hidden size, fc1 of (hidden x merge^2)^2, fc2 to the text hidden size); deepstack mergers when listed.
        /// </summary>
        public static void Qwen3VisionTower(Architecture a, ModelConfig c)
        {
            if (!(VisionConfig(c) is ModelConfig v)) return;
            long hidden = v.Int("hidden_size", 1152);
            long intermediate = v.Int("intermediate_size", 4304);
            long depth = v.Int("depth", 27);
            long patch = v.Int("patch_size", 16);
            long temporal = v.Int("temporal_patch_size", 2);
            long channels = v.Int("in_channels", 3);
            long positions = v.Int("num_position_embeddings", 2304);
            long merge = v.Int("spatial_merge_size", 2);
            long output = v.Int("out_hidden_size", a.HiddenSize);
            long merged = hidden * merge * merge;
            var e = a.Embedding;
            e.Add(new WeightTensor("visual.patch_embed.proj", TensorRole.Vision, Sharding.Replicated, hidden, channels * temporal * patch * patch));
            e.Add(new WeightTensor("visual.patch_embed.proj.bias", TensorRole.Vision, Sharding.Replicated, hidden, 1, isVector: true));
            e.Add(new WeightTensor("visual.pos_embed", TensorRole.Vision, Sharding.Replicated, positions, hidden));
            VisionEncoderLayers(e, hidden, intermediate, depth);
            void Merger(string name, long count, long normWidth)
            {
                e.Add(new WeightTensor(name + ".norm", TensorRole.Vision, Sharding.Replicated, 2 * normWidth, 1, count, isVector: true));
                e.Add(new WeightTensor(name + ".linear_fc1", TensorRole.Vision, Sharding.Column, merged, merged, count));
                e.Add(new WeightTensor(name + ".linear_fc1.bias", TensorRole.Vision, Sharding.Column, merged, 1, count, isVector: true));
                e.Add(new WeightTensor(name + ".linear_fc2", TensorRole.Vision, Sharding.Row, output, merged, count));
                e.Add(new WeightTensor(name + ".linear_fc2.bias", TensorRole.Vision, Sharding.Replicated, output, 1, count, isVector: true));
            }
            Merger("visual.merger", 1, hidden);
            long deepstack = v.IntList("deepstack_visual_indexes").Count;
            if (deepstack > 0) Merger("visual.deepstack_merger_list", deepstack, merged); // use_postshuffle_norm
        }
    }
}
