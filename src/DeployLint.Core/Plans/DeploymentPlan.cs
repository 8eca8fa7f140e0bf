using DeployLint.Catalog;
using DeployLint.Estimation;
using DeployLint.Manifests;
using DeployLint.Models;

namespace DeployLint.Plans
{
    public enum ServingEngine
    {
        Vllm,
        Sglang,
        Trtllm,
        Generic,
    }

    /// <summary>A deployment with every default filled in and every catalog id resolved: what the estimate runs on.</summary>
    public sealed class DeploymentPlan
    {
        public DeploymentManifest Manifest { get; set; } = new DeploymentManifest();
        public string Name { get; set; } = "";

        public string ModelId { get; set; } = "";
        public Architecture Architecture { get; set; } = new Architecture();

        /// <summary>False for the part of a plan whose model is unknown: no architecture, no estimate; only rules without <c>NeedsModel</c> run on it.</summary>
        public bool ModelKnown { get; set; } = true;

        /// <summary>The bytes of every tensor the checkpoint stores (its safetensors index's total_size), when the model store has the index.</summary>
        public long? CheckpointBytes { get; set; }

        /// <summary>The format weights are held in on the GPU.</summary>
        public string WeightsFormat { get; set; } = Formats.Bf16;
        public QuantizationScheme Quantization { get; set; } = new QuantizationScheme(Formats.Bf16, ScaleGranularity.None);

        /// <summary>What the checkpoint's quantization_config says it stores; null for a 16-bit checkpoint.</summary>
        public QuantizationScheme? CheckpointQuantization { get; set; }

        /// <summary>The weight format a model id's name implies when it is a re-upload of a catalog model (Qwen/Qwen3-32B-AWQ); null otherwise.</summary>
        public string? InferredWeightsFormat { get; set; }

        /// <summary>The scales that name implies when its publisher's convention fixes them (Qwen/*-FP8: 128 x 128 blocks); null otherwise.</summary>
        public QuantizationScheme? InferredQuantization { get; set; }

        /// <summary>The dtype of activations and of unquantized tensors (bf16 or fp16).</summary>
        public string ActivationFormat { get; set; } = Formats.Bf16;
        public string KvCacheFormat { get; set; } = Formats.Bf16;

        public GpuSpec Gpu { get; set; } = new GpuSpec();

        /// <summary>False when a deployment file does not name its GPU: only rules without NeedsHardware run, and there is no estimate.</summary>
        public bool HardwareKnown { get; set; } = true;
        public int Nodes { get; set; } = 1;
        public int GpusPerNode { get; set; } = 1;
        public LinkSpec IntraNodeLink { get; set; } = new LinkSpec();
        public LinkSpec? InterNodeLink { get; set; }

        public int Tensor { get; set; } = 1;
        public int Pipeline { get; set; } = 1;
        public int Data { get; set; } = 1;
        public int Expert { get; set; } = 1;

        public ServingEngine Engine { get; set; } = ServingEngine.Vllm;

        /// <summary>The catalog's efficiency and runtime-memory factors (rules/catalog/efficiency.yaml).</summary>
        public Catalog.EfficiencyProfile Efficiency { get; set; } = new Catalog.EfficiencyProfile();
        public string EngineVersion { get; set; } = "";

        /// <summary>No version was given: the newest release DeployLint models is assumed.</summary>
        public bool EngineVersionAssumed { get; set; }

        /// <summary>"vLLM 0.30", with "(newest modelled; no engineVersion given)" when assumed.</summary>
        public string EngineDescription => $"{EngineName} {EngineVersion}" + (EngineVersionAssumed ? " (newest modelled; no engineVersion given)" : "");

        /// <summary>vLLM's V0 engine (before 0.8, or VLLM_USE_V1=0 up to 0.10): other scheduler defaults, same memory budget rule.</summary>
        public bool VllmV0 { get; set; }

        /// <summary>What one GPU costs per hour (hardware.pricePerGpuHour, --price, deploylint.yaml prices:); null when unknown.</summary>
        public double? PricePerGpuHour { get; set; }

        /// <summary>vLLM --kv-cache-memory: the KV cache in bytes per GPU, bypassing the gpu_memory_utilization budget; null when not set.</summary>
        public long? KvCacheMemoryBytes { get; set; }

        /// <summary>
        /// Draft layers vLLM loads for MTP speculative decoding (--speculative-config method mtp): the checkpoint's
        /// multi-token-prediction layers, whose weights and KV cache share the GPU with the target model; 0 without.
        /// </summary>
        public int MtpDraftLayers { get; set; }

        /// <summary>The largest CUDA-graph batch the file sets (vLLM max_cudagraph_capture_size, SGLang cuda_graph_max_bs, TensorRT-LLM cuda_graph_config.max_batch_size); null for the engine's default.</summary>
        public long? CudaGraphMaxBatchSize { get; set; }

        /// <summary>Prefill from piecewise CUDA graphs as the file sets it; null for the engine's default.</summary>
        public bool? PrefillCudaGraphs { get; set; }

        /// <summary>SGLang --scheduler-recv-interval: decode steps between polls for new requests; 1 (every step) by default.</summary>
        public int SchedulerRecvInterval { get; set; } = 1;

        /// <summary>TensorRT-LLM batch_wait_timeout_iters; 0 (no waiting) by default.</summary>
        public int BatchWaitIterations { get; set; }

        /// <summary>TensorRT-LLM batch_wait_max_tokens_ratio; 0 by default.</summary>
        public double BatchWaitTokenRatio { get; set; }

        /// <summary>TensorRT-LLM attention_dp_config (AttentionDpConfig): enable_balance off, timeout_iters 50, batching_wait_iters 10 by default.</summary>
        public bool AttentionDpBalance { get; set; }
        public int AttentionDpTimeoutIterations { get; set; } = 50;
        public int AttentionDpBatchingWaitIterations { get; set; } = 10;

        /// <summary>num_speculative_tokens of the speculative config; 0 without speculative decoding.</summary>
        public int SpeculativeTokens { get; set; }

        /// <summary>SGLang --max-total-tokens: a cap on the KV pool's tokens; null when not set.</summary>
        public long? MaxTotalTokens { get; set; }

        /// <summary>vLLM --enforce-eager (or serving.enforceEager): no CUDA graphs are captured.</summary>
        public bool EnforceEager { get; set; }

        /// <summary>VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS as the container sets it; null when not set (the version's default).</summary>
        public bool? CudaGraphEstimateSetting { get; set; }
        public double GpuMemoryUtilization { get; set; } = 0.9;
        public long MaxModelLen { get; set; }
        public long MaxConcurrentSequences { get; set; }
        public bool MaxConcurrentSequencesDeclared { get; set; }
        public long MaxBatchedTokens { get; set; }
        public int BlockSize { get; set; } = 16;
        public long ReservedBytes { get; set; }

        /// <summary>vLLM --cpu-offload-gb per GPU, in bytes: weights kept in host memory.</summary>
        public long CpuOffloadBytes { get; set; }

        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public double? TtftMs { get; set; }
        public double? TpotMs { get; set; }

        /// <summary>Largest acceptable share of a decode step spent communicating (DPL3005); 0.30 unless set.</summary>
        public double MaxCommShare { get; set; } = 0.30;

        public DeploymentPlan WithLayout(int tensor, int pipeline, int data, int expert)
        {
            var copy = (DeploymentPlan)MemberwiseClone();
            copy.Tensor = tensor;
            copy.Pipeline = pipeline;
            copy.Data = data;
            copy.Expert = expert;
            return copy;
        }

        public DeploymentPlan WithHardware(int nodes, int gpusPerNode)
        {
            var copy = (DeploymentPlan)MemberwiseClone();
            copy.Nodes = nodes;
            copy.GpusPerNode = gpusPerNode;
            return copy;
        }

        public string Layout => $"TP {Tensor} x PP {Pipeline} x DP {Data}" + (Expert > 1 ? $", EP {Expert}" : "");

        public int TotalGpus => Nodes * GpusPerNode;

        /// <summary>
        /// How many ways each routed expert is split. EP within the TP group (EP divides TP: SGLang --ep, TensorRT-LLM
        /// moe_ep x moe_tp = tp) leaves TP / EP; EP across DP replicas (EP a multiple of TP: vLLM DP + EP) leaves 1.
        /// </summary>
        public int MoeTensorParallel => Expert <= 1 ? Tensor : Tensor % Expert == 0 ? Tensor / Expert : 1;

        /// <summary>Attention data-parallel ranks inside the TP group (SGLang --enable-dp-attention, TensorRT-LLM enable_attention_dp); 1 without.</summary>
        public int AttentionData { get; set; } = 1;

        /// <summary>The ranks one attention layer is sharded over: TP, or TP / the attention DP size.</summary>
        public int AttentionTensorParallel => System.Math.Max(1, Tensor / System.Math.Max(1, AttentionData));

        /// <summary>The ranks one expert set is spread over: the TP group, or EP ranks across DP replicas.</summary>
        public int ExpertGroupSize => Expert > Tensor ? Expert : Tensor;

        /// <summary>
        /// True when MoE tokens move between ranks in a dispatch / combine all-to-all: under attention DP, or with EP across
        /// DP replicas, a rank holds tokens the others lack. EP inside a plain TP group needs none: every rank already holds
        /// every token after attention, runs its own experts on them and the combine is the all-reduce TP does anyway
        /// (SGLang --ep-size without DeepEP, vLLM --enable-expert-parallel at DP 1, TensorRT-LLM moe_expert_parallel_size
        /// without attention DP).
        /// </summary>
        public bool ExpertAllToAll => Expert > 1 && (AttentionData > 1 || Expert > Tensor);

        public string EngineName => Engine switch
        {
            ServingEngine.Vllm => "vllm",
            ServingEngine.Sglang => "sglang",
            ServingEngine.Trtllm => "trtllm",
            _ => "generic",
        };
    }
}
