using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Qwen3-Next (qwen3_next) and Qwen3.5 / Qwen3.6 (qwen3_5, qwen3_5_moe and their *_text sections): hybrid decoders whose
    /// layers are mostly Gated DeltaNet linear attention (a recurrent state per request, no KV cache) with a gated full
    /// attention layer every full_attention_interval layers (layer_types when given). Shapes as vLLM qwen3_next.py /
    /// qwen3_5.py build them:
    /// - full attention: q_proj doubled by the output gate (num_heads x head_dim x 2), k/v, o, q/k norms;
    /// - Gated DeltaNet: in_proj_qkvz (2 x key dim + 2 x value dim; Qwen3.5 splits it into in_proj_qkv and in_proj_z),
    ///   in_proj_ba (2 x value heads), a depthwise conv1d over conv_dim = 2 x key dim + value dim, dt_bias and A_log per
    ///   value head, a gated RMSNorm of head_v_dim, out_proj;
    /// - MLP: Qwen3-MoE experts plus a shared expert and its one-output gate (qwen3_next, qwen3_5_moe), or a dense gated MLP (qwen3_5);
    /// - multi-token prediction (qwen3_next always, Qwen3.5 mtp_num_hidden_layers): two input norms, fc (2h -> h), one full
    ///   attention layer, a norm; not served unless MTP speculation is on;
    /// - Qwen3.5 checkpoints are Qwen3_5*ForConditionalGeneration with a Qwen3-VL vision tower (no deepstack mergers).
    /// The recurrent state is (kernel - 1) x conv_dim in the model dtype plus value heads x head_k_dim x head_v_dim in
    /// mamba_ssm_dtype (float32 in Qwen3.5 configs, which vLLM's Qwen3_5ForConditionalGenerationConfig applies; the model
    /// dtype for Qwen3-Next).
    /// </summary>
    internal sealed class Qwen3NextFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "qwen3_next", "qwen3_5", "qwen3_5_moe", "qwen3_5_text", "qwen3_5_moe_text" };

        // transformers Qwen3NextConfig / Qwen3_5TextConfig defaults for the keys a checkpoint may leave out.
        private static readonly (string Key, string Value)[] TextDefaults =
        {
            ("head_dim", "256"), ("linear_conv_kernel_dim", "4"), ("linear_key_head_dim", "128"), ("linear_value_head_dim", "128"),
            ("linear_num_key_heads", "16"), ("linear_num_value_heads", "32"), ("full_attention_interval", "4"), ("tie_word_embeddings", "false"),
        };

        public Architecture Build(ModelConfig c)
        {
            bool conditional = c.ModelType == "qwen3_5" || c.ModelType == "qwen3_5_moe";
            var section = conditional ? Parts.RequiredTextSection(c) : c.Root;
            var text = Parts.TextSection(section, c.Root, c.SourcePath, TextDefaults);
            bool next = c.ModelType == "qwen3_next";
            var a = new Architecture { Family = next ? "qwen3_next" : c.ModelType.Replace("_text", "") };
            Parts.Common(a, text);
            a.TiedEmbeddings = text.Bool("tie_word_embeddings", c.Bool("tie_word_embeddings", false));
            double partial = PartialRotary(text);
            a.RotaryDim = (long)(a.HeadDim * partial);

            long experts = text.Int("num_experts", 0);
            long topK = text.Int("num_experts_per_tok", 0);
            long moeIntermediate = text.Int("moe_intermediate_size", 0);
            long sharedIntermediate = text.Int("shared_expert_intermediate_size", 0);
            var mlpOnly = new HashSet<long>(text.IntList("mlp_only_layers"));
            long sparseStep = Math.Max(1, text.Int("decoder_sparse_step", 1));
            if (experts > 0) a.Moe = new MoeInfo(experts, topK, sharedIntermediate > 0 ? 1 : 0, moeIntermediate);
            else if (a.IntermediateSize <= 0) throw new ModelConfigException("config.json has neither 'num_experts' nor 'intermediate_size'", text.Root.Span);

            long keyHeads = text.Int("linear_num_key_heads"), valueHeads = text.Int("linear_num_value_heads");
            long keyDim = text.Int("linear_key_head_dim"), valueDim = text.Int("linear_value_head_dim");
            long kernel = text.Int("linear_conv_kernel_dim");
            string? ssmDtype = text.OptionalString("mamba_ssm_dtype");
            var state = new RecurrentState(2 * keyHeads * keyDim + valueHeads * valueDim, Math.Max(0, kernel - 1), valueHeads, keyDim, valueDim,
                ssmDtype == "float32" ? 4 : 0);
            var recurrentKv = new KvLayout(AttentionKind.Recurrent, 0, 0, 0, 0, recurrent: state);
            var attentionKv = Parts.Gqa(a, 0);

            List<WeightTensor> Mlp(bool sparse)
            {
                var t = new List<WeightTensor> { Parts.Norm("post_attention_layernorm", a.HiddenSize) };
                if (!sparse)
                {
                    Parts.GatedMlp(t, a.HiddenSize, a.IntermediateSize, TensorRole.Mlp);
                    return t;
                }
                QwenMoeFamily.SparseMlp(t, a.HiddenSize, experts, moeIntermediate, sharedIntermediate);
                return t;
            }

            List<WeightTensor> FullAttention()
            {
                long q = a.AttentionHeads * a.HeadDim;
                long kv = a.KeyValueHeads * a.HeadDim;
                return new List<WeightTensor>
                {
                    Parts.Norm("input_layernorm", a.HiddenSize),
                    new WeightTensor("self_attn.q_proj", TensorRole.Attention, Sharding.Column, 2 * q, a.HiddenSize),
                    new WeightTensor("self_attn.k_proj", TensorRole.Attention, Sharding.KvHeads, kv, a.HiddenSize, headSize: a.HeadDim),
                    new WeightTensor("self_attn.v_proj", TensorRole.Attention, Sharding.KvHeads, kv, a.HiddenSize, headSize: a.HeadDim),
                    new WeightTensor("self_attn.o_proj", TensorRole.Attention, Sharding.Row, a.HiddenSize, q),
                    Parts.Norm("self_attn.q_norm", a.HeadDim),
                    Parts.Norm("self_attn.k_norm", a.HeadDim),
                };
            }

            List<WeightTensor> LinearAttention()
            {
                long key = keyHeads * keyDim, value = valueHeads * valueDim;
                return new List<WeightTensor>
                {
                    Parts.Norm("input_layernorm", a.HiddenSize),
                    new WeightTensor("linear_attn.in_proj_qkvz", TensorRole.Attention, Sharding.Column, 2 * key + 2 * value, a.HiddenSize),
                    new WeightTensor("linear_attn.in_proj_ba", TensorRole.Attention, Sharding.Column, 2 * valueHeads, a.HiddenSize),
                    new WeightTensor("linear_attn.conv1d", TensorRole.Attention, Sharding.Column, 2 * key + value, kernel, isVector: true),
                    new WeightTensor("linear_attn.dt_bias", TensorRole.Attention, Sharding.Column, valueHeads, 1, isVector: true),
                    new WeightTensor("linear_attn.A_log", TensorRole.Attention, Sharding.Column, valueHeads, 1, isVector: true),
                    Parts.Norm("linear_attn.norm", valueDim),
                    new WeightTensor("linear_attn.out_proj", TensorRole.Attention, Sharding.Row, a.HiddenSize, value),
                };
            }

            long layers = text.Int("num_hidden_layers");
            var types = text.StringList("layer_types");
            long interval = Math.Max(1, text.Int("full_attention_interval"));
            var cache = new Dictionary<(bool Full, bool Sparse), DecoderLayer>();
            for (long i = 0; i < layers; i++)
            {
                bool full = types.Count == layers ? types[(int)i] == "full_attention" : (i + 1) % interval == 0;
                bool sparse = experts > 0 && !mlpOnly.Contains(i) && (i + 1) % sparseStep == 0;
                if (!cache.TryGetValue((full, sparse), out var layer))
                {
                    var tensors = full ? FullAttention() : LinearAttention();
                    tensors.AddRange(Mlp(sparse));
                    layer = new DecoderLayer(tensors, full ? attentionKv : recurrentKv, isMoe: sparse);
                    cache[(full, sparse)] = layer;
                }
                a.Layers.Add(layer);
            }
            Parts.Finish(a);

            long mtpLayers = next ? text.Int("num_nextn_predict_layers", 1) : text.Int("mtp_num_hidden_layers", 0);
            for (long i = 0; i < mtpLayers; i++)
            {
                a.NextTokenPredictors.Add(Parts.Norm("mtp.pre_fc_norm_embedding", a.HiddenSize));
                a.NextTokenPredictors.Add(Parts.Norm("mtp.pre_fc_norm_hidden", a.HiddenSize));
                a.NextTokenPredictors.Add(new WeightTensor("mtp.fc", TensorRole.NextTokenProjection, Sharding.Replicated, a.HiddenSize, 2 * a.HiddenSize));
                a.NextTokenPredictors.AddRange(FullAttention());
                a.NextTokenPredictors.AddRange(Mlp(experts > 0));
                a.NextTokenPredictors.Add(Parts.Norm("mtp.norm", a.HiddenSize));
            }
            if (conditional) Parts.Qwen3VisionTower(a, c);
            return a;
        }

        private static double PartialRotary(ModelConfig text)
        {
            if (text.Section("rope_parameters") is YMapping rope)
            {
                double inRope = new ModelConfig(rope, text.SourcePath).Number("partial_rotary_factor", 0);
                if (inRope > 0) return inRope;
            }
            double factor = text.Number("partial_rotary_factor", 0.25);
            return factor > 0 && factor <= 1 ? factor : 0.25;
        }
    }
}
