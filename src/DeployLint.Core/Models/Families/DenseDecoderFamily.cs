using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// llama, mistral, qwen2, qwen3, phi3, granite, gemma, smollm3, olmo2, internlm2: dense decoders with a gated MLP. Granite is
    /// Llama's layer with scalar multipliers; Gemma (v1) is Llama's layer with GeGLU, head_dim 256 and embeddings tied by
    /// default; SmolLM3 is Llama's layer with RoPE left out of some layers (no weights change). OLMo 2 normalises after
    /// attention and after the MLP instead of before, and its q_norm / k_norm span all heads (HF Olmo2Attention); OLMo 3
    /// is OLMo 2's layer with the sliding_window on the layers layer_types marks sliding_attention. GLM-4 (glm; chatglm's
    /// checkpoints under their own key names, <see cref="ChatGlmFamily"/>) is Llama's layer with q/k/v biases (attention_bias)
    /// and a partial rotary that adds no weights; GLM-4-0414 (glm4) adds norms after attention and after the MLP.
    /// </summary>
    internal sealed class DenseDecoderFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "llama", "mistral", "qwen2", "qwen3", "phi3", "granite", "gemma", "smollm3", "olmo2", "olmo3", "internlm2", "glm", "glm4" };

        public Architecture Build(ModelConfig c)
        {
            // InternLM2 is Llama's layer with q/k/v fused into wqkv (the same values); its 'bias' covers wqkv and wo.
            if (c.ModelType == "internlm2") c = Parts.WithAliases(c, ("attention_bias", "bias"));
            var a = new Architecture { Family = c.ModelType };
            Parts.Common(a, c);
            if (a.Family == "gemma") a.TiedEmbeddings = c.Bool("tie_word_embeddings", true);
            if (a.IntermediateSize <= 0) throw new ModelConfigException("config.json has no 'intermediate_size'", c.Root.Span);
            bool llamaLike = a.Family == "llama" || a.Family == "granite" || a.Family == "smollm3" || a.Family == "internlm2";
            bool olmo2 = a.Family == "olmo2" || a.Family == "olmo3";
            bool qkvBias = a.Family == "qwen2" || c.Bool("attention_bias", false);
            bool oBias = llamaLike && c.Bool("attention_bias", false);
            bool qkNorm = a.Family == "qwen3";
            bool mlpBias = llamaLike && c.Bool("mlp_bias", false);
            long window = SlidingWindow(c, a.Family);
            long layers = c.Int("num_hidden_layers");
            var tensors = new List<WeightTensor>();
            if (!olmo2) tensors.Add(Parts.Norm("input_layernorm", a.HiddenSize));
            Parts.Attention(tensors, a, qkvBias, oBias, qkNorm);
            if (olmo2)
            {
                tensors.Add(Parts.Norm("q_norm", a.AttentionHeads * a.HeadDim));
                tensors.Add(Parts.Norm("k_norm", a.KeyValueHeads * a.HeadDim));
            }
            // GLM-4-0414 (glm4) norms the attention and MLP outputs too, before the residual adds.
            if (a.Family == "glm4") tensors.Add(Parts.Norm("post_self_attn_layernorm", a.HiddenSize));
            tensors.Add(Parts.Norm("post_attention_layernorm", a.HiddenSize));
            Parts.GatedMlp(tensors, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp, mlpBias);
            if (olmo2) tensors.Add(Parts.Norm("post_feedforward_layernorm", a.HiddenSize));
            if (a.Family == "glm4") tensors.Add(Parts.Norm("post_mlp_layernorm", a.HiddenSize));
            var layer = new DecoderLayer(tensors, Parts.Gqa(a, window), isMoe: false);
            // OLMo 3 slides the layers its layer_types marks; the other families' window (if any) is on every layer.
            var sliding = a.Family == "olmo3" ? new DecoderLayer(tensors, Parts.Gqa(a, c.Int("sliding_window", 0)), isMoe: false) : layer;
            Parts.SlidingAndFullLayers(a, c, layers, sliding, layer, _ => false);
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
}
