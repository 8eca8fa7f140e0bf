using System.Collections.Generic;

namespace DeployLint.Estimation
{
    /// <summary>Memory of one pipeline stage on one of its GPUs.</summary>
    public sealed class StageMemory
    {
        public int Stage { get; set; }
        public int FirstLayer { get; set; }
        public int LayerCount { get; set; }

        /// <summary>How many of the stage's layers are each of the architecture's distinct layers (<see cref="Models.Architecture.Kinds"/>).</summary>
        public int[] LayersPerKind { get; set; } = System.Array.Empty<int>();

        public long WeightsBytes { get; set; }
        public long ActivationBytes { get; set; }
        public long OverheadBytes { get; set; }

        /// <summary>vLLM 0.21+: the CUDA-graph estimate taken out of the KV budget; 0 where the engine reserves none.</summary>
        public long CudaGraphReserveBytes { get; set; }

        /// <summary>What the engine's budget rule leaves for the KV cache; negative when nothing is left.</summary>
        public long KvBudgetBytes { get; set; }
        public long KvBytesPerToken { get; set; }
        public long MaxTokens { get; set; }

        /// <summary>
        /// The longest request the pool holds: under vLLM's hybrid KV groups the largest max_model_len whose blocks in
        /// every group fit (kv_cache_utils._estimate_max_model_len_from_groups), else <see cref="MaxTokens"/>.
        /// </summary>
        public long LongestRequest { get; set; }

        /// <summary>KV bytes one request of maxModelLen tokens needs on this GPU (sliding-window layers hold at most their window).</summary>
        public long KvBytesPerMaxLenRequest { get; set; }

        /// <summary>vLLM V1's hybrid KV groups of the stage; null for one attention type or another engine.</summary>
        public HybridKvGroups.Grouping? KvGroups { get; set; }

        /// <summary>vLLM's pool for models with recurrent layers (Qwen3-Next, Qwen3.5); null otherwise.</summary>
        public VllmRecurrentPool? RecurrentPool { get; set; }

        /// <summary>SGLang's split of the pool for sliding-window hybrids (gpt-oss, Llama 4, Gemma 4); null otherwise.</summary>
        public SglangSwaPool? SwaPool { get; set; }

        /// <summary>What one maxModelLen request takes from the engine's KV pool (vLLM's hybrid groups count padding layers).</summary>
        public long KvPoolBytesPerMaxLenRequest { get; set; }
    }

    /// <summary>The per-GPU memory picture of a plan; the binding stage decides KV capacity (the engine takes the minimum).</summary>
    public sealed class MemoryEstimate
    {
        public long CapacityBytes { get; set; }

        /// <summary>Memory the engine's rule lets weights, activations, overhead and KV use together.</summary>
        public long BudgetBytes { get; set; }
        public string BudgetRule { get; set; } = "";

        public IReadOnlyList<StageMemory> Stages { get; set; } = new StageMemory[0];

        /// <summary>The stage with the most weight bytes (reported as "the" weights per GPU).</summary>
        public StageMemory LargestStage { get; set; } = new StageMemory();

        /// <summary>The stage with the fewest KV tokens: it bounds the whole pipeline.</summary>
        public StageMemory BindingStage { get; set; } = new StageMemory();

        public long WeightsBytes => LargestStage.WeightsBytes;
        public long ActivationBytes => BindingStage.ActivationBytes;
        public long OverheadBytes => BindingStage.OverheadBytes;
        public long CudaGraphReserveBytes => BindingStage.CudaGraphReserveBytes;
        public long KvBudgetBytes => BindingStage.KvBudgetBytes;
        public long KvCacheBytes => BindingStage.KvBudgetBytes > 0 ? BindingStage.KvBudgetBytes : 0;
        public long KvBytesPerToken => BindingStage.KvBytesPerToken;
        public long MaxTokensInKvCache => BindingStage.MaxTokens;
        public long LongestRequestInKvCache => BindingStage.LongestRequest;
        public long KvBytesPerMaxLenRequest => BindingStage.KvBytesPerMaxLenRequest;

        /// <summary>Attention data-parallel ranks: each keeps its own requests' KV in its own pool, so they hold that many times more.</summary>
        public int AttentionData { get; set; } = 1;

        /// <summary>Requests of maxModelLen tokens the replica's KV cache holds at once (each attention DP rank its own).</summary>
        public double ConcurrencyAtMaxModelLen =>
            BindingStage.KvPoolBytesPerMaxLenRequest > 0 ? (double)KvCacheBytes / BindingStage.KvPoolBytesPerMaxLenRequest * AttentionData : 0;

        /// <summary>Whole requests of maxModelLen tokens the KV cache holds at once.</summary>
        public long MaxConcurrentSequencesAtMaxModelLen => (long)System.Math.Floor(ConcurrencyAtMaxModelLen + 1e-9);
    }
}
