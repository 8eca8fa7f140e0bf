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
            new Mistral3Family(),
            new Llama4Family(),
            new OptFamily(),
            new GptNeoxFamily(),
            new Gpt2Family(),
            new FalconFamily(),
            new BloomFamily(),
            new Qwen3NextFamily(),
            new Glm4MoeFamily(),
            new MiniMaxM2Family(),
            new KimiK25Family(),
            new Qwen3VlFamily(),
            new Qwen2VlFamily(),
            new CohereFamily(),
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
        }
    }
}
