using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Manifests
{
    /// <summary>A value read from a manifest together with the span of its text.</summary>
    public sealed class Located<T>
    {
        public Located(T value, SourceSpan span)
        {
            Value = value;
            Span = span;
        }

        public T Value { get; }
        public SourceSpan Span { get; }

        public override string ToString() => Value?.ToString() ?? "";
    }

    /// <summary>One <c>kind: InferenceDeployment</c> document as written, before defaults or catalog lookups.</summary>
    public sealed class DeploymentManifest
    {
        public SourceSpan DocumentSpan { get; set; }
        public int DocumentIndex { get; set; }
        public Located<string>? ApiVersion { get; set; }
        public Located<string>? Kind { get; set; }
        public Located<string>? Name { get; set; }
        public ModelSection Model { get; set; } = new ModelSection();
        public HardwareSection Hardware { get; set; } = new HardwareSection();
        public ParallelismSection Parallelism { get; set; } = new ParallelismSection();
        public ServingSection Serving { get; set; } = new ServingSection();
        public SloSection Slo { get; set; } = new SloSection();
        public List<SuppressionEntry> Suppressions { get; } = new List<SuppressionEntry>();

        /// <summary>
        /// Where the deployment was read from when it is not a DeployLint manifest ("LeaderWorkerSet 'vllm'",
        /// "docker-compose service 'llm'"); null for a native manifest. Such plans may leave the GPU type unknown
        /// and never turn DeployLint's own gaps (an unknown model, an unnamed GPU) into errors.
        /// </summary>
        public string? Origin { get; set; }

        public bool IsForeign => Origin != null;

        /// <summary>Why a foreign deployment cannot be checked at all (its settings live in a file DeployLint cannot read), with where.</summary>
        public Located<string>? Unreadable { get; set; }
    }

    public sealed class ModelSection
    {
        public SourceSpan? KeySpan { get; set; }
        public Located<string>? Id { get; set; }
        public Located<string>? Config { get; set; }
        public Located<string>? Weights { get; set; }
        public Located<string>? KvCache { get; set; }

        /// <summary>The engine's --dtype (activations and unquantized tensors), when a foreign file sets it.</summary>
        public Located<string>? Dtype { get; set; }

        /// <summary>--served-model-name: what clients call the model; read only when a local path names no catalog model.</summary>
        public Located<string>? ServedName { get; set; }
    }

    public sealed class HardwareSection
    {
        public SourceSpan? KeySpan { get; set; }
        public Located<string>? Gpu { get; set; }
        public Located<long>? Nodes { get; set; }
        public Located<long>? GpusPerNode { get; set; }
        public Located<string>? IntraNode { get; set; }
        public Located<string>? InterNode { get; set; }

        /// <summary>hardware.pricePerGpuHour: what one GPU costs per hour (any currency), for cost per hour and per million tokens.</summary>
        public Located<double>? PricePerGpuHour { get; set; }

        /// <summary>A reader already said why the GPU is unknown (so the resolver does not say it again).</summary>
        public bool GpuUnknownExplained { get; set; }
    }

    public sealed class ParallelismSection
    {
        public SourceSpan? KeySpan { get; set; }
        public Located<long>? Tensor { get; set; }
        public Located<long>? Pipeline { get; set; }
        public Located<long>? Data { get; set; }
        public Located<long>? Expert { get; set; }

        /// <summary>vLLM --enable-expert-parallel (or a file's 'expert: true'): EP spans the TP x DP ranks; the resolver derives its size.</summary>
        public Located<bool>? ExpertParallelEnabled { get; set; }

        /// <summary>
        /// Attention data parallelism inside the TP group (SGLang --enable-dp-attention with --dp N, TensorRT-LLM
        /// enable_attention_dp): the ranks each run attention for their own requests, with TP / N ranks per attention group.
        /// </summary>
        public Located<long>? AttentionData { get; set; }
    }

    public sealed class ServingSection
    {
        public SourceSpan? KeySpan { get; set; }
        public Located<string>? Engine { get; set; }
        public Located<string>? EngineVersion { get; set; }
        public Located<double>? GpuMemoryUtilization { get; set; }
        public Located<long>? MaxModelLen { get; set; }
        public Located<long>? MaxConcurrentSequences { get; set; }
        public Located<long>? MaxBatchedTokens { get; set; }
        public Located<long>? BlockSize { get; set; }
        public Located<long>? ReservedMemoryBytes { get; set; }

        /// <summary>VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 in a container's env: vLLM accepts a max_model_len beyond the model's context.</summary>
        public Located<bool>? AllowLongMaxModelLen { get; set; }

        /// <summary>VLLM_USE_V1 from a container's env (0 selects the V0 engine on vLLM 0.8-0.10).</summary>
        public Located<bool>? UseV1 { get; set; }

        /// <summary>vLLM --max-model-len auto (or -1): the engine fits the context to the KV cache instead of refusing.</summary>
        public Located<bool>? MaxModelLenAuto { get; set; }

        /// <summary>VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS from a container's env (0 turns vLLM 0.21+'s graph reserve off).</summary>
        public Located<bool>? EstimateCudaGraphs { get; set; }

        /// <summary>vLLM --kv-cache-memory: the KV cache's size in bytes, instead of what gpu_memory_utilization leaves.</summary>
        public Located<long>? KvCacheMemoryBytes { get; set; }

        /// <summary>SGLang --max-total-tokens: a cap on the KV pool's tokens.</summary>
        public Located<long>? MaxTotalTokens { get; set; }

        /// <summary>vLLM --enforce-eager: no CUDA graphs are captured.</summary>
        public Located<bool>? EnforceEager { get; set; }

        /// <summary>
        /// The largest batch captured as a CUDA graph: vLLM --max-cudagraph-capture-size, SGLang --cuda-graph-max-bs,
        /// TensorRT-LLM cuda_graph_config.max_batch_size.
        /// </summary>
        public Located<long>? CudaGraphMaxBatchSize { get; set; }

        /// <summary>
        /// Whether prefill runs from piecewise CUDA graphs: SGLang --enable-/--disable-piecewise-cuda-graph, TensorRT-LLM
        /// torch_compile_config.enable_piecewise_cuda_graph; null for the engine's default.
        /// </summary>
        public Located<bool>? PrefillCudaGraphs { get; set; }

        /// <summary>SGLang --scheduler-recv-interval: decode steps between the scheduler's polls for new requests (1 polls every step).</summary>
        public Located<long>? SchedulerRecvInterval { get; set; }

        /// <summary>TensorRT-LLM batch_wait_timeout_iters: iterations a new context request may be held to batch it with later ones (0 = off).</summary>
        public Located<long>? BatchWaitIterations { get; set; }

        /// <summary>TensorRT-LLM batch_wait_max_tokens_ratio: held context requests go once the step's tokens reach this share of max_num_tokens (0 = off).</summary>
        public Located<double>? BatchWaitTokenRatio { get; set; }

        /// <summary>TensorRT-LLM attention_dp_config.enable_balance: under attention DP, hold context requests until every rank has one (off by default).</summary>
        public Located<bool>? AttentionDpBalance { get; set; }

        /// <summary>TensorRT-LLM attention_dp_config.timeout_iters: iterations after which held context requests go anyway (50 by default).</summary>
        public Located<long>? AttentionDpTimeoutIterations { get; set; }

        /// <summary>TensorRT-LLM attention_dp_config.batching_wait_iters: iterations more once every rank has one (10 by default).</summary>
        public Located<long>? AttentionDpBatchingWaitIterations { get; set; }

        /// <summary>vLLM --speculative-config's method (mtp, eagle, ngram, ...).</summary>
        public Located<string>? SpeculativeMethod { get; set; }

        /// <summary>vLLM --speculative-config's num_speculative_tokens.</summary>
        public Located<long>? SpeculativeTokens { get; set; }

        /// <summary>vLLM --cpu-offload-gb: GiB of weights per GPU kept in host memory.</summary>
        public Located<double>? CpuOffloadGiB { get; set; }

        /// <summary>A rope-scaling override on the command line (--rope-scaling, --hf-overrides): the context limit is the user's.</summary>
        public Located<string>? RopeScalingOverride { get; set; }

        /// <summary>The attention backend the file forces (VLLM_ATTENTION_BACKEND, --attention-backend), upper-case.</summary>
        public Located<string>? AttentionBackend { get; set; }
    }

    public sealed class SloSection
    {
        public SourceSpan? KeySpan { get; set; }
        public Located<long>? InputTokens { get; set; }
        public Located<long>? OutputTokens { get; set; }
        public Located<double>? TtftMs { get; set; }
        public Located<double>? TpotMs { get; set; }
        public Located<double>? MaxCommShare { get; set; }
    }

    public sealed class SuppressionEntry
    {
        public SuppressionEntry(Located<string> rule, Located<string>? reason, SourceSpan span)
        {
            Rule = rule;
            Reason = reason;
            Span = span;
        }

        public Located<string> Rule { get; }
        public Located<string>? Reason { get; }
        public SourceSpan Span { get; }
    }
}
