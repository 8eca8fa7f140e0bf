using DeployLint.Models;

namespace DeployLint.Estimation
{
    /// <summary>
    /// The kernels one forward step launches, counted from the layer structure as vLLM, SGLang and TensorRT-LLM run it with
    /// fused norms and residual adds. Each kernel occupies the GPU for at least the catalog's kernel floor, so a step costs
    /// at least kernels x floor however small the batch: the fixed part of TPOT. Collectives are not counted here; their
    /// latency is part of the communication time.
    /// </summary>
    public static class StepOverhead
    {
        /// <summary>Input norm (with the residual add), QKV GEMM, rotary embedding, attention, output GEMM.</summary>
        public const int AttentionKernels = 5;

        /// <summary>MLA: norm, q_a GEMM, q_a norm, q_b GEMM, kv_a GEMM, kv_a norm, rotary, absorbed k_b, attention, absorbed v_b, output GEMM.</summary>
        public const int MlaAttentionKernels = 11;

        /// <summary>DeepSeek sparse attention's indexer: wq_b and wk GEMMs, k norm with rotary, FP8 quantize and cache write, weights_proj, MQA logits, top-k.</summary>
        public const int SparseIndexerKernels = 7;

        /// <summary>Gated DeltaNet: norm, input projections, causal conv, gating, delta-rule update, gated norm, output GEMM.</summary>
        public const int LinearAttentionKernels = 7;

        /// <summary>Post-attention norm, gate/up GEMM, activation, down GEMM.</summary>
        public const int DenseMlpKernels = 4;

        /// <summary>Norm, router GEMM, top-k, token sort/align, gate/up grouped GEMM, activation, down grouped GEMM, weighted combine.</summary>
        public const int MoeKernels = 8;

        /// <summary>The shared expert's gate/up GEMM, activation and down GEMM.</summary>
        public const int SharedExpertKernels = 3;

        /// <summary>Final norm, lm_head GEMM, logits processing, top-k/top-p sampling, next-token gather.</summary>
        public const int SamplingKernels = 5;

        public static int KernelsPerLayer(DecoderLayer layer, Architecture architecture)
        {
            int attention = layer.Kv.Kind switch
            {
                AttentionKind.Mla => MlaAttentionKernels,
                AttentionKind.Recurrent => LinearAttentionKernels,
                AttentionKind.None => 0,
                _ => AttentionKernels,
            };
            if (layer.Kv.Indexer != null) attention += SparseIndexerKernels;
            if (!layer.IsMoe) return attention + (layer.HasDenseMlp ? DenseMlpKernels : 0);
            bool shared = architecture.Moe != null && architecture.Moe.SharedExperts > 0;
            return attention + MoeKernels + (shared ? SharedExpertKernels : 0);
        }
    }
}
