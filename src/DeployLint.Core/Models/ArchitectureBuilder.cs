using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>Builds the <see cref="Architecture"/> of one config.json model family.</summary>
    public interface IArchitectureFamily
    {
        IReadOnlyList<string> ModelTypes { get; }
        Architecture Build(ModelConfig config);
    }

    /// <summary>The supported families, keyed by config.json <c>model_type</c>.</summary>
    public static class ArchitectureFamilies
    {
        private static readonly IArchitectureFamily[] Families =
        {
            new DenseDecoderFamily(),
            new MixtralFamily(),
            new QwenMoeFamily(),
            new PhiFamily(),
            new DeepseekV3Family(),
            new GptOssFamily(),
            new Gemma2Family(),
            new Gemma3Family(),
            new Mistral3Family(),
            new Llama4Family(),
            new OptFamily(),
            new GptNeoxFamily(),
            new Gpt2Family(),
            new FalconFamily(),
            new BloomFamily(),
        };

        public static IReadOnlyList<string> SupportedModelTypes
        {
            get
            {
                var all = new List<string>();
                foreach (var f in Families) all.AddRange(f.ModelTypes);
                return all;
            }
        }

        public static IArchitectureFamily? Find(string modelType)
        {
            foreach (var f in Families)
            {
                foreach (var t in f.ModelTypes)
                {
                    if (string.Equals(t, modelType, StringComparison.Ordinal)) return f;
                }
            }
            return null;
        }

        /// <summary>Builds the architecture or throws <see cref="ModelConfigException"/> with a location in the config.</summary>
        public static Architecture Build(ModelConfig config)
        {
            var modelTypeNode = config.Root.Get("model_type");
            if (modelTypeNode == null)
            {
                throw new ModelConfigException("config.json has no 'model_type'; DeployLint needs it to know which tensors the model has", config.Root.Span);
            }
            string modelType = config.ModelType;
            var family = Find(modelType) ?? throw new ModelConfigException(
                $"model_type '{modelType}' is not a supported architecture (supported: {string.Join(", ", SupportedModelTypes)}); its parameter count cannot be computed exactly, so it is not guessed",
                modelTypeNode.Span);
            var architecture = family.Build(config);
            Validate(architecture, config);
            return architecture;
        }

        private static void Validate(Architecture a, ModelConfig config)
        {
            void Positive(long value, string key)
            {
                if (value <= 0 || value > 10_000_000) throw new ModelConfigException($"config.json '{key}' is {value}; it must be positive", config.SpanOf(key));
            }
            Positive(a.HiddenSize, "hidden_size");
            Positive(a.VocabSize, "vocab_size");
            Positive(a.AttentionHeads, "num_attention_heads");
            Positive(a.KeyValueHeads, "num_key_value_heads");
            Positive(a.HeadDim, "head_dim");
            if (a.LayerCount <= 0 || a.LayerCount > 10_000) throw new ModelConfigException($"config.json 'num_hidden_layers' is {a.LayerCount}; it must be positive", config.SpanOf("num_hidden_layers"));
        }
    }

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
    }

    /// <summary>
    /// llama, mistral, qwen2, qwen3, phi3, granite, gemma: dense decoders with a gated MLP. Granite is Llama's layer with
    /// scalar multipliers; Gemma (v1) is Llama's layer with GeGLU, head_dim 256 and embeddings tied by default.
    /// </summary>
    internal sealed class DenseDecoderFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "llama", "mistral", "qwen2", "qwen3", "phi3", "granite", "gemma" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = c.ModelType };
            Parts.Common(a, c);
            if (a.Family == "gemma") a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            if (a.IntermediateSize <= 0) throw new ModelConfigException("config.json has no 'intermediate_size'", c.Root.Span);
            bool llamaLike = a.Family == "llama" || a.Family == "granite";
            bool qkvBias = a.Family == "qwen2" || c.Bool("attention_bias", false);
            bool oBias = llamaLike && c.Bool("attention_bias", false);
            bool qkNorm = a.Family == "qwen3";
            bool mlpBias = llamaLike && c.Bool("mlp_bias", false);
            long window = SlidingWindow(c, a.Family);
            long layers = c.Int("num_hidden_layers");
            var tensors = new List<WeightTensor>();
            tensors.Add(Parts.Norm("input_layernorm", a.HiddenSize));
            Parts.Attention(tensors, a, qkvBias, oBias, qkNorm);
            tensors.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
            Parts.GatedMlp(tensors, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp, mlpBias);
            var layer = new DecoderLayer(tensors, Parts.Gqa(a, window), isMoe: false);
            for (long i = 0; i < layers; i++) a.Layers.Add(layer);
            Parts.Finish(a);
            return a;
        }

        private static long SlidingWindow(ModelConfig c, string family)
        {
            if (family == "qwen2" || family == "qwen3")
            {
                // Qwen configs carry sliding_window but use_sliding_window is false in every released checkpoint.
                return c.Bool("use_sliding_window", false) ? c.Int("sliding_window", 0) : 0;
            }
            if (family == "mistral" || family == "phi3") return c.Int("sliding_window", 0);
            return 0;
        }
    }

    /// <summary>Mixtral: Mistral attention, every layer a sparse MoE of gated experts.</summary>
    internal sealed class MixtralFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "mixtral" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "mixtral" };
            Parts.Common(a, c);
            long experts = c.Int("num_local_experts");
            long topK = c.Int("num_experts_per_tok");
            a.Moe = new MoeInfo(experts, topK, 0, a.IntermediateSize);
            var t = new List<WeightTensor>();
            t.Add(Parts.Norm("input_layernorm", a.HiddenSize));
            Parts.Attention(t, a, false, false, false);
            t.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
            t.Add(new WeightTensor("block_sparse_moe.gate", TensorRole.Router, Sharding.Replicated, experts, a.HiddenSize));
            Parts.Experts(t, a.HiddenSize, a.IntermediateSize, experts);
            var layer = new DecoderLayer(t, Parts.Gqa(a, c.Int("sliding_window", 0)), isMoe: true);
            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++) a.Layers.Add(layer);
            Parts.Finish(a);
            return a;
        }
    }

    /// <summary>
    /// Qwen2-MoE (Qwen1.5-MoE) and Qwen3-MoE: sparse layers per decoder_sparse_step and mlp_only_layers. Qwen2-MoE has
    /// q/k/v biases and a shared expert (TP-sharded gated MLP of shared_expert_intermediate_size) scaled by a one-output
    /// shared_expert_gate (vLLM qwen2_moe.py); Qwen3-MoE has q/k norms and no shared expert.
    /// </summary>
    internal sealed class QwenMoeFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "qwen3_moe", "qwen2_moe" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = c.ModelType };
            bool qwen2 = a.Family == "qwen2_moe";
            Parts.Common(a, c);
            long experts = c.Int("num_experts");
            long topK = c.Int("num_experts_per_tok");
            long moeIntermediate = c.Int("moe_intermediate_size");
            long sharedIntermediate = c.Int("shared_expert_intermediate_size", 0);
            long sparseStep = Math.Max(1, c.Int("decoder_sparse_step", 1));
            var mlpOnly = new HashSet<long>(c.IntList("mlp_only_layers"));
            a.Moe = new MoeInfo(experts, topK, sharedIntermediate > 0 ? 1 : 0, moeIntermediate);
            var kv = Parts.Gqa(a, 0);

            List<WeightTensor> Layer(bool sparse)
            {
                var t = new List<WeightTensor>();
                t.Add(Parts.Norm("input_layernorm", a.HiddenSize));
                Parts.Attention(t, a, qkvBias: qwen2, oBias: false, qkNorm: !qwen2);
                t.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
                if (!sparse)
                {
                    if (a.IntermediateSize <= 0) throw new ModelConfigException("config.json has dense layers but no 'intermediate_size'", c.Root.Span);
                    Parts.GatedMlp(t, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp);
                    return t;
                }
                t.Add(new WeightTensor("mlp.gate", TensorRole.Router, Sharding.Replicated, experts, a.HiddenSize));
                Parts.Experts(t, a.HiddenSize, moeIntermediate, experts);
                if (sharedIntermediate > 0)
                {
                    Parts.GatedMlp(t, a.HiddenSize, sharedIntermediate, TensorRole.SharedExpert, prefix: "mlp.shared_expert");
                    t.Add(new WeightTensor("mlp.shared_expert_gate", TensorRole.Router, Sharding.Replicated, 1, a.HiddenSize));
                }
                return t;
            }

            var moeLayer = new DecoderLayer(Layer(true), kv, isMoe: true);
            DecoderLayer? denseLayer = null;
            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++)
            {
                bool sparse = !mlpOnly.Contains(i) && experts > 0 && (i + 1) % sparseStep == 0;
                a.Layers.Add(sparse ? moeLayer : denseLayer ??= new DecoderLayer(Layer(false), kv, isMoe: false));
            }
            Parts.Finish(a);
            return a;
        }
    }

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

    /// <summary>
    /// OPT (facebook/opt-*, vLLM opt.py): learned absolute positions (max_position_embeddings + 2 rows, OPT's offset of 2),
    /// multi-head attention with biased q/k/v/out_proj, LayerNorms with bias, a ReLU fc1/fc2 MLP with biases, the head
    /// tied to the embedding; word_embed_proj_dim other than hidden_size adds project_in / project_out (opt-350m).
    /// </summary>
    internal sealed class OptFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "opt" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "opt" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            long projection = c.Int("word_embed_proj_dim", h);
            bool preNorm = c.Bool("do_layer_norm_before", true);
            bool bias = c.Bool("enable_bias", true);
            a.IntermediateSize = c.Int("ffn_dim");
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            a.RotaryDim = 0;
            a.RotaryPositions = 0;
            a.Embedding.Clear();
            a.Embedding.Add(new WeightTensor("embed_tokens", TensorRole.Embedding, Sharding.Vocab, a.VocabSize, projection));
            a.Embedding.Add(new WeightTensor("embed_positions", TensorRole.Embedding, Sharding.Replicated, a.MaxPositionEmbeddings + 2, h));
            if (projection != h) a.Embedding.Add(new WeightTensor("project_in", TensorRole.Embedding, Sharding.Replicated, h, projection));

            Parts.Stack(a, c, Parts.LayerNormBlock(a, bias, bias, "self_attn_layer_norm", "final_layer_norm", "fc1", "fc2"));
            if (preNorm && !c.Bool("_remove_final_layer_norm", false)) a.Head.Add(Parts.Norm("final_layer_norm", 2 * h));
            if (projection != h) a.Head.Add(new WeightTensor("project_out", TensorRole.LmHead, Sharding.Replicated, projection, h));
            if (!a.TiedEmbeddings) a.Head.Add(new WeightTensor("lm_head", TensorRole.LmHead, Sharding.Vocab, a.VocabSize, projection));
            return a;
        }
    }

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

    /// <summary>
    /// GPT-2 (vLLM gpt2.py): n_embd / n_layer / n_head / n_positions keys, learned positions (wpe), fused c_attn and
    /// c_proj with biases, LayerNorms with bias, a GELU c_fc / c_proj MLP of n_inner (4 x n_embd when null), the head tied
    /// to wte.
    /// </summary>
    internal sealed class Gpt2Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "gpt2" };

        public Architecture Build(ModelConfig config)
        {
            var c = Parts.WithAliases(config, ("hidden_size", "n_embd"), ("num_hidden_layers", "n_layer"), ("num_attention_heads", "n_head"),
                ("intermediate_size", "n_inner"));
            var a = new Architecture { Family = "gpt2" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            if (a.IntermediateSize <= 0) a.IntermediateSize = 4 * h;
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            a.RotaryDim = 0;
            a.RotaryPositions = 0;
            a.Embedding.Add(new WeightTensor("wpe", TensorRole.Embedding, Sharding.Replicated, a.MaxPositionEmbeddings, h));
            Parts.Stack(a, c, Parts.LayerNormBlock(a, true, true, "ln_1", "ln_2", "mlp.c_fc", "mlp.c_proj"));
            Parts.LayerNormHead(a, "ln_f", "lm_head");
            return a;
        }
    }

    /// <summary>
    /// Falcon (vLLM falcon.py): fused query_key_value for multi-query (7B: one KV head) or grouped KV heads
    /// (new_decoder_architecture: num_kv_heads, two LayerNorms ln_attn / ln_mlp), otherwise one input_layernorm (a second
    /// post_attention_layernorm when attention and MLP are not parallel), biases only where 'bias' says, a non-gated
    /// dense_h_to_4h / dense_4h_to_h MLP, the head tied to the embedding.
    /// </summary>
    internal sealed class FalconFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "falcon" };

        public Architecture Build(ModelConfig config)
        {
            var aliased = Parts.WithAliases(config, ("num_hidden_layers", "n_layer"), ("num_attention_heads", "n_head"));
            // FalconConfig's default context when config.json does not write one (transformers configuration_falcon.py).
            var c = Parts.TextSection(aliased.Root, aliased.Root, config.SourcePath, new[] { ("max_position_embeddings", "2048") });
            var a = new Architecture { Family = "falcon" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            bool newArchitecture = c.Bool("new_decoder_architecture", false);
            bool bias = c.Bool("bias", false);
            a.KeyValueHeads = newArchitecture ? c.Int("num_kv_heads", c.Int("n_head_kv", a.AttentionHeads))
                : c.Bool("multi_query", true) ? 1 : a.AttentionHeads;
            a.IntermediateSize = c.Int("ffn_hidden_size", 4 * h);
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            if (c.Bool("alibi", false))
            {
                a.RotaryDim = 0;
                a.RotaryPositions = 0;
            }
            var t = new List<WeightTensor>();
            if (newArchitecture)
            {
                t.Add(Parts.Norm("ln_attn", 2 * h));
                t.Add(Parts.Norm("ln_mlp", 2 * h));
            }
            else
            {
                t.Add(Parts.Norm("input_layernorm", 2 * h));
                if (!c.Bool("parallel_attn", true)) t.Add(Parts.Norm("post_attention_layernorm", 2 * h));
            }
            Parts.Attention(t, a, qkvBias: bias, oBias: bias, qkNorm: false);
            Parts.PlainMlp(t, h, a.IntermediateSize, bias, "mlp.dense_h_to_4h", "mlp.dense_4h_to_h");
            Parts.Stack(a, c, new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: false));
            Parts.LayerNormHead(a, "ln_f", "lm_head");
            return a;
        }
    }

    /// <summary>
    /// BLOOM (vLLM bloom.py): ALiBi (no position tensors), a LayerNorm after the word embeddings, fused query_key_value and
    /// dense with biases, biased LayerNorms, a GELU dense_h_to_4h / dense_4h_to_h MLP with biases, the head tied.
    /// </summary>
    internal sealed class BloomFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "bloom" };

        public Architecture Build(ModelConfig config)
        {
            var aliased = Parts.WithAliases(config, ("hidden_size", "n_embed"), ("num_hidden_layers", "n_layer"), ("num_attention_heads", "n_head"));
            // No position table under ALiBi: vLLM's default context of 2,048 when config.json names none.
            var c = Parts.TextSection(aliased.Root, aliased.Root, config.SourcePath, new[] { ("max_position_embeddings", "2048") });
            var a = new Architecture { Family = "bloom" };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            a.IntermediateSize = 4 * h;
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            a.RotaryDim = 0;
            a.RotaryPositions = 0;
            a.Embedding.Add(Parts.Norm("word_embeddings_layernorm", 2 * h));
            Parts.Stack(a, c, Parts.LayerNormBlock(a, true, true, "input_layernorm", "post_attention_layernorm", "mlp.dense_h_to_4h", "mlp.dense_4h_to_h"));
            Parts.LayerNormHead(a, "ln_f", "lm_head");
            return a;
        }
    }

    /// <summary>DeepSeek-V2 / V3 / R1 (V2-Lite: no q LoRA, greedy top-k without a correction bias): multi-head latent attention, first_k_dense_replace dense layers, routed + shared experts.</summary>
    internal sealed class DeepseekV3Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "deepseek_v3", "deepseek_v2", "kimi_k2" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = c.ModelType };
            Parts.Common(a, c);
            long h = a.HiddenSize;
            long heads = a.AttentionHeads;
            long qLora = c.Int("q_lora_rank", 0);
            long kvLora = c.Int("kv_lora_rank");
            long nope = c.Int("qk_nope_head_dim");
            long rope = c.Int("qk_rope_head_dim");
            long vDim = c.Int("v_head_dim");
            long experts = c.Int("n_routed_experts");
            long shared = c.Int("n_shared_experts", 0);
            long topK = c.Int("num_experts_per_tok");
            long moeIntermediate = c.Int("moe_intermediate_size");
            long firstDense = c.Int("first_k_dense_replace", 0);
            long moeFreq = Math.Max(1, c.Int("moe_layer_freq", 1));
            bool correctionBias = (c.OptionalString("topk_method") ?? "") == "noaux_tc";
            a.HeadDim = nope + rope;
            a.KeyValueHeads = heads;
            a.RotaryDim = rope;
            a.Moe = new MoeInfo(experts, topK, shared, moeIntermediate);

            var attention = new List<WeightTensor>();
            attention.Add(Parts.Norm("input_layernorm", h));
            if (qLora > 0)
            {
                attention.Add(new WeightTensor("q_a_proj", TensorRole.Attention, Sharding.Replicated, qLora, h));
                attention.Add(Parts.Norm("q_a_layernorm", qLora));
                attention.Add(new WeightTensor("q_b_proj", TensorRole.Attention, Sharding.Column, heads * (nope + rope), qLora));
            }
            else
            {
                attention.Add(new WeightTensor("q_proj", TensorRole.Attention, Sharding.Column, heads * (nope + rope), h));
            }
            attention.Add(new WeightTensor("kv_a_proj_with_mqa", TensorRole.Attention, Sharding.Replicated, kvLora + rope, h));
            attention.Add(Parts.Norm("kv_a_layernorm", kvLora));
            attention.Add(new WeightTensor("kv_b_proj", TensorRole.Attention, Sharding.Column, heads * (nope + vDim), kvLora));
            attention.Add(new WeightTensor("o_proj", TensorRole.Attention, Sharding.Row, h, heads * vDim));
            attention.Add(Parts.Norm("post_attention_layernorm", h));

            var kv = new KvLayout(AttentionKind.Mla, 1, 0, kvLora + rope, 0);

            var dense = new List<WeightTensor>(attention);
            Parts.GatedMlp(dense, h, a.IntermediateSize, TensorRole.Mlp);
            var denseLayer = new DecoderLayer(dense, kv, isMoe: false);

            var moe = new List<WeightTensor>(attention);
            moe.Add(new WeightTensor("mlp.gate", TensorRole.Router, Sharding.Replicated, experts, h));
            if (correctionBias) moe.Add(new WeightTensor("mlp.gate.e_score_correction_bias", TensorRole.Router, Sharding.Replicated, experts, 1, isVector: true, isBuffer: true, bytesOverride: 4));
            Parts.Experts(moe, h, moeIntermediate, experts);
            if (shared > 0) Parts.GatedMlp(moe, h, moeIntermediate * shared, TensorRole.SharedExpert, prefix: "mlp.shared_experts");
            var moeLayer = new DecoderLayer(moe, kv, isMoe: true);

            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++)
            {
                bool sparse = experts > 0 && i >= firstDense && i % moeFreq == 0;
                a.Layers.Add(sparse ? moeLayer : denseLayer);
            }
            Parts.Finish(a);
            for (long i = 0; i < c.Int("num_nextn_predict_layers", 0); i++) AddNextTokenPredictor(a, experts > 0 ? moeLayer : denseLayer);
            return a;
        }

        /// <summary>
        /// One MTP module as DeepSeek's checkpoint stores it (vLLM deepseek_mtp.py): its own embed_tokens, enorm and hnorm,
        /// eh_proj (a plain 16-bit Linear from [embedding; hidden] to hidden), one decoder layer, shared_head norm and head.
        /// </summary>
        private static void AddNextTokenPredictor(Architecture a, DecoderLayer layer)
        {
            long h = a.HiddenSize;
            a.NextTokenPredictors.Add(new WeightTensor("mtp.embed_tokens", TensorRole.Embedding, Sharding.Vocab, a.VocabSize, h));
            a.NextTokenPredictors.Add(Parts.Norm("mtp.enorm", h));
            a.NextTokenPredictors.Add(Parts.Norm("mtp.hnorm", h));
            a.NextTokenPredictors.Add(new WeightTensor("mtp.eh_proj", TensorRole.NextTokenProjection, Sharding.Replicated, h, 2 * h));
            a.NextTokenPredictors.AddRange(layer.Tensors);
            a.NextTokenPredictors.Add(Parts.Norm("mtp.shared_head.norm", h));
            a.NextTokenPredictors.Add(new WeightTensor("mtp.shared_head.head", TensorRole.LmHead, Sharding.Vocab, a.VocabSize, h));
        }
    }

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

            var types = c.StringList("layer_types");
            long layers = c.Int("num_hidden_layers");
            var sliding = new DecoderLayer(t, Parts.Gqa(a, window), isMoe: true);
            var full = new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: true);
            for (int i = 0; i < layers; i++)
            {
                bool isSliding = types.Count == layers ? types[i] == "sliding_attention" : i % 2 == 0;
                a.Layers.Add(isSliding && window > 0 ? sliding : full);
            }
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

    /// <summary>Gemma 2: tied embeddings, four norms per layer, sliding window on even layers.</summary>
    internal sealed class Gemma2Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "gemma2" };

        public Architecture Build(ModelConfig c)
        {
            var a = new Architecture { Family = "gemma2" };
            Parts.Common(a, c);
            a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            long window = c.Int("sliding_window", 0);
            var t = GemmaLayer(a, qkNorm: false);
            var sliding = new DecoderLayer(t, Parts.Gqa(a, window), isMoe: false);
            var full = new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: false);
            long layers = c.Int("num_hidden_layers");
            for (long i = 0; i < layers; i++) a.Layers.Add(i % 2 == 0 && window > 0 ? sliding : full);
            Parts.Finish(a);
            return a;
        }

        /// <summary>A Gemma decoder layer: norms before and after both attention and MLP; Gemma 3 adds q/k norms.</summary>
        internal static List<WeightTensor> GemmaLayer(Architecture a, bool qkNorm)
        {
            var t = new List<WeightTensor>();
            t.Add(Parts.Norm("input_layernorm", a.HiddenSize));
            Parts.Attention(t, a, false, false, qkNorm);
            t.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
            t.Add(Parts.Norm("pre_feedforward_layernorm", a.HiddenSize));
            Parts.GatedMlp(t, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp);
            t.Add(Parts.Norm("post_feedforward_layernorm", a.HiddenSize));
            return t;
        }
    }

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
            var types = text.StringList("layer_types");
            var t = Gemma2Family.GemmaLayer(a, qkNorm: true);
            var sliding = new DecoderLayer(t, Parts.Gqa(a, window), isMoe: false);
            var full = new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: false);
            long layers = text.Int("num_hidden_layers");
            for (int i = 0; i < layers; i++)
            {
                bool isSliding = types.Count == layers ? types[i] == "sliding_attention" : pattern > 0 && (i + 1) % pattern != 0;
                a.Layers.Add(isSliding && window > 0 ? sliding : full);
            }
            Parts.Finish(a);
            return a;
        }

        /// <summary>text_config over the defaults, with the checkpoint-level dtype and quantization.</summary>
        private static ModelConfig TextConfig(ModelConfig c)
        {
            var section = c.Section("text_config") ?? throw new ModelConfigException("a gemma3 config.json needs 'text_config'", c.Root.Span);
            return WithDefaults(section, c.Root, c.SourcePath);
        }

        private static ModelConfig WithDefaults(YMapping section, YMapping root, string path) => Parts.TextSection(section, root, path, TextDefaults);

        /// <summary>SigLIP (transformers SiglipVisionModel, vLLM siglip.py: QKV and fc1 column-parallel, out_proj and fc2 row-parallel) and Gemma3MultiModalProjector.</summary>
        private static void AddVisionTower(Architecture a, ModelConfig c)
        {
            var v = c.Section("vision_config");
            if (v == null) return;
            var vision = new ModelConfig(v, c.SourcePath);
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
            var section = c.Section("text_config") ?? throw new ModelConfigException("a mistral3 config.json needs 'text_config'", c.Root.Span);
            var text = Parts.TextSection(section, c.Root, c.SourcePath, TextDefaults);
            var a = new DenseDecoderFamily().Build(text);
            a.Family = "mistral3";
            AddVisionTower(a, c);
            return a;
        }

        private static void AddVisionTower(Architecture a, ModelConfig c)
        {
            var v = c.Section("vision_config");
            if (v == null) return;
            var vision = new ModelConfig(v, c.SourcePath);
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
            ModelConfig text;
            if (multimodal)
            {
                var section = c.Section("text_config") ?? throw new ModelConfigException("a llama4 config.json needs 'text_config'", c.Root.Span);
                text = Parts.TextSection(section, c.Root, c.SourcePath, TextDefaults);
            }
            else
            {
                text = Parts.TextSection(c.Root, c.Root, c.SourcePath, TextDefaults);
            }
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
            var v = c.Section("vision_config");
            if (v == null) return;
            var vision = new ModelConfig(v, c.SourcePath);
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
