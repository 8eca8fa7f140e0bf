using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
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
            new Gemma4Family(),
            new Mistral3Family(),
            new Llama4Family(),
            new OptFamily(),
            new GptNeoxFamily(),
            new Gpt2Family(),
            new FalconFamily(),
            new BloomFamily(),
            new Qwen3NextFamily(),
            new NemotronHFamily(),
            new Glm4MoeFamily(),
            new MiniMaxM2Family(),
            new KimiK25Family(),
            new Qwen3VlFamily(),
            new Qwen2VlFamily(),
            new CohereFamily(),
            new ChatGlmFamily(),
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
            var found = Find(modelType);
            if (found == null && GenericDecoderFamily.CanApproximate(config))
            {
                var approximate = GenericDecoderFamily.Build(config);
                Validate(approximate, config);
                return approximate;
            }
            var family = found ?? throw new ModelConfigException(
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
            BoundElements(a, config);
        }

        /// <summary>
        /// More values than any checkpoint holds (10^15, a thousand times the largest released model) means a size in
        /// config.json is out of range, such as a vision tower's depth; the count must not overflow into a small or negative
        /// size that would pass every memory check.
        /// </summary>
        private static void BoundElements(Architecture a, ModelConfig config)
        {
            const double Most = 1e15;
            double total = 0;
            // In doubles: a product that would overflow a long still compares correctly against the bound.
            void Add(WeightTensor t, int times)
            {
                double elements = (double)t.Rows * t.Columns * t.Count;
                total += elements * times;
                if (t.Rows <= 0 || t.Columns <= 0 || t.Count <= 0 || elements > Most || total > Most)
                {
                    throw new ModelConfigException(
                        $"config.json describes a tensor '{t.Name}' of {t.Count:N0} x {t.Rows:N0} x {t.Columns:N0} values, beyond any real checkpoint; a size in it is out of range",
                        config.Root.Span);
                }
            }
            foreach (var t in a.Embedding) Add(t, 1);
            foreach (var t in a.Head) Add(t, 1);
            foreach (var t in a.NextTokenPredictors) Add(t, 1);
            // Layers of one kind are one object: each kind's tensors once, times its layer count.
            var perKind = a.Kinds.Count(0, a.Kinds.LayerCount);
            for (int kind = 0; kind < perKind.Length; kind++)
            {
                foreach (var t in a.Kinds.Distinct[kind].Tensors) Add(t, perKind[kind]);
            }
        }
    }
}
