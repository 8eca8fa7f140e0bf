using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// DeepSeek-V2 / V3 / R1 (V2-Lite: no q LoRA, greedy top-k without a correction bias): multi-head latent attention,
    /// first_k_dense_replace dense layers, routed + shared experts. DeepSeek-V3.2 (deepseek_v32) adds sparse attention: a
    /// lightning indexer per layer (vLLM deepseek_v2.py Indexer: wq_b, wk, k_norm, weights_proj, all replicated) picks the
    /// index_topk tokens each query attends to and caches its own FP8 key per token. GLM-5 (glm_moe_dsa) is that layer
    /// at other sizes (64 heads, v_head_dim 256 over qk 192 + 64, 78 layers); vLLM runs it as DeepseekV2ForCausalLM.
    /// </summary>
    internal sealed class DeepseekV3Family : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "deepseek_v3", "deepseek_v2", "kimi_k2", "deepseek_v32", "glm_moe_dsa" };

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
            a.ValueHeadDim = vDim;
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
            SparseIndexer? indexer = null;
            long indexHeads = c.Int("index_n_heads", 0);
            long indexDim = indexHeads > 0 ? c.Int("index_head_dim") : 0;
            if (indexHeads > 0 && indexDim > 0)
            {
                indexer = new SparseIndexer(indexHeads, indexDim, Math.Max(0, c.Int("index_topk")), rope);
                attention.Add(new WeightTensor("indexer.wq_b", TensorRole.Attention, Sharding.Replicated, indexHeads * indexDim, qLora > 0 ? qLora : h));
                attention.Add(new WeightTensor("indexer.wk", TensorRole.Attention, Sharding.Replicated, indexDim, h));
                attention.Add(new WeightTensor("indexer.k_norm", TensorRole.Norm, Sharding.Replicated, 2 * indexDim, 1, isVector: true));
                // weights_proj is a plain 16-bit linear (quant_config=None in vLLM): it gates the heads' scores like a router.
                attention.Add(new WeightTensor("indexer.weights_proj", TensorRole.Router, Sharding.Replicated, indexHeads, h));
            }
            attention.Add(Parts.Norm("post_attention_layernorm", h));

            var kv = new KvLayout(AttentionKind.Mla, 1, 0, kvLora + rope, 0, indexer: indexer);

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
        internal static void AddNextTokenPredictor(Architecture a, DecoderLayer layer)
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
}
