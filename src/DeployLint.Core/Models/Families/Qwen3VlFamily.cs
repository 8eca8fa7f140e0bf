using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>
    /// Qwen3-VL (qwen3_vl, qwen3_vl_moe; transformers Qwen3VL(Moe)ForConditionalGeneration): the Qwen3 or Qwen3-MoE decoder
    /// of text_config (qwen3_vl_text / qwen3_vl_moe_text: q/k norms, no biases, the same shapes; the interleaved M-RoPE
    /// adds no weights) and the Qwen3-VL vision tower with its deepstack mergers (<see cref="Parts.Qwen3VisionTower"/>).
    /// Qwen3-VL-8B-Instruct: 8,767,123,696 parameters (the model card: 8.77B).
    /// </summary>
    internal sealed class Qwen3VlFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "qwen3_vl", "qwen3_vl_moe" };

        // transformers Qwen3VLTextConfig / Qwen3VLMoeTextConfig defaults for the keys a text_config may leave out.
        private static readonly (string Key, string Value)[] TextDefaults =
        {
            ("head_dim", "128"), ("tie_word_embeddings", "false"),
        };

        public Architecture Build(ModelConfig c)
        {
            bool moe = c.ModelType == "qwen3_vl_moe";
            var text = Parts.TextConfigAs(c, moe ? "qwen3_moe" : "qwen3", TextDefaults);
            var a = moe ? new QwenMoeFamily().Build(text) : new DenseDecoderFamily().Build(text);
            a.Family = c.ModelType;
            Parts.Qwen3VisionTower(a, c);
            return a;
        }
    }
}
