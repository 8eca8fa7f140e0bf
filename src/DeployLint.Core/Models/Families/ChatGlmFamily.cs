using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>
    /// ChatGLM checkpoints (model_type chatglm: GLM-4-9B-Chat, ChatGLM3-6B; ChatGLMForConditionalGeneration with remote
    /// code, which vLLM serves as ChatGLMModel): GLM-4's layer under their own key names (num_layers, padded_vocab_size,
    /// ffn_hidden_size, kv_channels, multi_query_group_num, add_qkv_bias, seq_length), read as glm.
    /// GLM-4-9B-Chat: 9,399,951,360 parameters (the model card: 9.4B).
    /// </summary>
    internal sealed class ChatGlmFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "chatglm" };

        public Architecture Build(ModelConfig c)
        {
            var aliases = new List<(string, string)>
            {
                ("num_hidden_layers", "num_layers"), ("vocab_size", "padded_vocab_size"), ("intermediate_size", "ffn_hidden_size"),
                ("head_dim", "kv_channels"), ("attention_bias", "add_qkv_bias"), ("max_position_embeddings", "seq_length"),
            };
            if (c.Bool("multi_query_attention", false)) aliases.Add(("num_key_value_heads", "multi_query_group_num"));
            var aliased = Parts.WithAliases(c, aliases.ToArray());
            var a = new DenseDecoderFamily().Build(Parts.TextSectionAs(aliased.Root, aliased, "glm", new[] { ("tie_word_embeddings", "false") }));
            a.Family = "chatglm";
            return a;
        }
    }
}
