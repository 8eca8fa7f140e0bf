using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
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
}
