using System.Collections.Generic;

namespace DeployLint.Models
{
    /// <summary>How a weight tensor is split across the GPUs of a pipeline stage.</summary>
    public enum Sharding
    {
        /// <summary>Every GPU holds the whole tensor (norms, MLA down-projections, routers, row-parallel biases).</summary>
        Replicated,
        /// <summary>Output dimension split by TP (q projection, gate/up).</summary>
        Column,
        /// <summary>Input dimension split by TP (o projection, down).</summary>
        Row,
        /// <summary>Vocabulary rows padded to a multiple of 64, then split by TP (embedding, lm_head).</summary>
        Vocab,
        /// <summary>K/V projection rows: heads split by TP, at least one head per GPU (replicated when TP &gt; KV heads).</summary>
        KvHeads,
        /// <summary>Attention-head-indexed vectors split by TP (gpt-oss sinks).</summary>
        Heads,
        /// <summary>Routed-expert matrix whose output dimension is split by the MoE tensor-parallel size.</summary>
        ExpertColumn,
        /// <summary>Routed-expert matrix whose input dimension is split by the MoE tensor-parallel size.</summary>
        ExpertRow,
        /// <summary>Routed-expert bias on the row-parallel side: not split within an expert.</summary>
        ExpertReplicated,
    }

    public enum TensorRole
    {
        Embedding,
        LmHead,
        Norm,
        Attention,
        Mlp,
        Router,
        RoutedExpert,
        SharedExpert,

        /// <summary>A multimodal model's vision encoder and projector: loaded on the first stage, kept in 16 bits, idle in text decode.</summary>
        Vision,

        /// <summary>The multi-token-prediction module's projection of [embedding; hidden] back to hidden (DeepSeek eh_proj): 16 bits.</summary>
        NextTokenProjection,
    }

    /// <summary>One weight tensor (or <see cref="Count"/> identical ones, e.g. the experts of a layer) as the framework creates it.</summary>
    public sealed class WeightTensor
    {
        public WeightTensor(string name, TensorRole role, Sharding sharding, long rows, long columns, long count = 1, bool isVector = false, long headSize = 0,
            bool isBuffer = false, int bytesOverride = 0)
        {
            IsBuffer = isBuffer;
            BytesOverride = bytesOverride;
            Name = name;
            Role = role;
            Sharding = sharding;
            Rows = rows;
            Columns = columns;
            Count = count;
            IsVector = isVector;
            HeadSize = headSize;
        }

        public string Name { get; }
        public TensorRole Role { get; }
        public Sharding Sharding { get; }

        /// <summary>Output features (the first dimension of a torch Linear weight).</summary>
        public long Rows { get; }

        /// <summary>Input features; 1 for vectors (biases, norms).</summary>
        public long Columns { get; }

        public long Count { get; }

        /// <summary>Biases, norms and other 1-D tensors: never quantized.</summary>
        public bool IsVector { get; }

        /// <summary>For <see cref="Sharding.KvHeads"/>: the head dimension.</summary>
        public long HeadSize { get; }

        /// <summary>Elements whether parameter or buffer.</summary>
        public long Elements => Rows * Columns * Count;

        /// <summary>A registered buffer (not a parameter): in memory, not in the parameter count.</summary>
        public bool IsBuffer { get; }

        /// <summary>Bytes per element when the checkpoint fixes it regardless of the weight format (fp32 buffers); 0 otherwise.</summary>
        public int BytesOverride { get; }

        public long Parameters => IsBuffer ? 0 : Elements;

        /// <summary>Matrices of the decoder layers are what weight-quantization formats compress.</summary>
        public bool IsQuantizableMatrix => !IsVector && (Role == TensorRole.Attention || Role == TensorRole.Mlp || Role == TensorRole.RoutedExpert || Role == TensorRole.SharedExpert);
    }

    public enum AttentionKind
    {
        /// <summary>Multi-head or grouped-query attention: K and V per KV head.</summary>
        Gqa,
        /// <summary>Multi-head latent attention (DeepSeek): one compressed latent plus the RoPE key per token.</summary>
        Mla,
        /// <summary>
        /// A linear-attention layer (Gated DeltaNet in Qwen3-Next / Qwen3.5): no per-token KV, a fixed recurrent state per
        /// request (a causal-conv window and the delta-rule state), see <see cref="RecurrentState"/>.
        /// </summary>
        Recurrent,

        /// <summary>A layer with no attention at all (Nemotron-H's MLP and MoE blocks): no KV cache, no state.</summary>
        None,
    }

    /// <summary>
    /// The state a recurrent (linear-attention) layer keeps per request, as vLLM's MambaSpec holds it
    /// (Qwen3NextGatedDeltaNet.get_state_shape): the conv window, (kernel - 1) x conv_dim / TP in the conv dtype, and the
    /// temporal state, num_v_heads / TP x head_k_dim x head_v_dim in the SSM dtype.
    /// </summary>
    public sealed class RecurrentState
    {
        public RecurrentState(long convChannels, long convWindow, long stateHeads, long keyDim, long valueDim, int stateBytes)
        {
            ConvChannels = convChannels;
            ConvWindow = convWindow;
            StateHeads = stateHeads;
            KeyDim = keyDim;
            ValueDim = valueDim;
            StateBytes = stateBytes;
        }

        /// <summary>conv_dim = 2 x key heads x key dim + value heads x value dim, split by TP.</summary>
        public long ConvChannels { get; }

        /// <summary>linear_conv_kernel_dim - 1 positions.</summary>
        public long ConvWindow { get; }
        public long StateHeads { get; }
        public long KeyDim { get; }
        public long ValueDim { get; }

        /// <summary>Bytes per temporal-state element when the checkpoint fixes it (mamba_ssm_dtype float32: 4); 0 = the model dtype.</summary>
        public int StateBytes { get; }

        /// <summary>Bytes of one request's state on one GPU (vLLM MambaSpec.page_size_bytes before padding).</summary>
        public long BytesPerGpu(long tensorParallel, int modelBytes)
        {
            long tp = System.Math.Max(1, tensorParallel);
            long conv = ConvWindow * (ConvChannels / tp) * modelBytes;
            long state = (StateHeads / tp) * KeyDim * ValueDim * (StateBytes > 0 ? StateBytes : modelBytes);
            return conv + state;
        }
    }

    /// <summary>
    /// DeepSeek sparse attention's lightning indexer (DeepSeek-V3.2): per token and layer it caches one FP8 key of
    /// <see cref="HeadDim"/> with an FP32 scale per 128 elements, scores every cached token with <see cref="Heads"/> heads,
    /// and the layer's attention then reads only the <see cref="TopK"/> best.
    /// </summary>
    public sealed class SparseIndexer
    {
        public SparseIndexer(long heads, long headDim, long topK, long ropeDim)
        {
            Heads = heads;
            HeadDim = headDim;
            TopK = topK;
            RopeDim = ropeDim;
        }

        public long Heads { get; }
        public long HeadDim { get; }
        public long TopK { get; }

        /// <summary>The layer's qk_rope_head_dim: the part of the MLA latent that FlashMLA's FP8 format keeps in 16 bits.</summary>
        public long RopeDim { get; }

        /// <summary>Indexer cache bytes per token and layer, whatever the KV dtype: FP8 key plus one FP32 scale per 128.</summary>
        public long CacheBytesPerToken => HeadDim + (HeadDim + 127) / 128 * 4;
    }

    /// <summary>What one decoder layer keeps in the KV cache per token.</summary>
    public sealed class KvLayout
    {
        public KvLayout(AttentionKind kind, long kvHeads, long headDim, long latentDim, long slidingWindow, long attentionChunk = 0, RecurrentState? recurrent = null, SparseIndexer? indexer = null,
            bool readsAnotherLayersCache = false)
        {
            ReadsAnotherLayersCache = readsAnotherLayersCache;
            Indexer = indexer;
            Recurrent = recurrent;
            Kind = kind;
            KvHeads = kvHeads;
            HeadDim = headDim;
            LatentDim = latentDim;
            SlidingWindow = slidingWindow;
            AttentionChunk = attentionChunk;
        }

        public AttentionKind Kind { get; }
        public long KvHeads { get; }
        public long HeadDim { get; }

        /// <summary>MLA: kv_lora_rank + qk_rope_head_dim.</summary>
        public long LatentDim { get; }

        /// <summary>0 for full attention; otherwise the window in tokens.</summary>
        public long SlidingWindow { get; }

        /// <summary>Chunked local attention (Llama 4's RoPE layers): tokens attend within chunks of this many; 0 otherwise.</summary>
        public long AttentionChunk { get; }

        /// <summary>The most tokens one query attends to: the sliding window or the chunk; 0 when it is the whole context.</summary>
        public long LocalSpan => SlidingWindow > 0 ? SlidingWindow : AttentionChunk;

        /// <summary>For <see cref="AttentionKind.Recurrent"/> layers: the per-request state.</summary>
        public RecurrentState? Recurrent { get; }

        /// <summary>Sparse attention's indexer (DeepSeek-V3.2); null for dense attention.</summary>
        public SparseIndexer? Indexer { get; }

        /// <summary>
        /// A KV-shared layer (Gemma 4 E2B / E4B num_kv_shared_layers): it attends to the cache of an earlier layer of its
        /// type and allocates none of its own (vLLM kv_sharing_target_layer_name: no KV cache spec for it).
        /// </summary>
        public bool ReadsAnotherLayersCache { get; }

        /// <summary>
        /// True for an attention layer (GQA, MLA) with a KV cache of its own: false for recurrent layers (their state is
        /// separate), blocks without attention and KV-shared layers. Only these layers take room in the engines' KV pools.
        /// </summary>
        public bool HasOwnKvCache => (Kind == AttentionKind.Gqa || Kind == AttentionKind.Mla) && !ReadsAnotherLayersCache;

        /// <summary>A copy that reads an earlier layer's cache instead of keeping its own.</summary>
        public KvLayout SharingAnEarlierCache() => new KvLayout(Kind, KvHeads, HeadDim, LatentDim, SlidingWindow, AttentionChunk, Recurrent, Indexer, readsAnotherLayersCache: true);

        /// <summary>The most tokens one query's attention reads: the local span, else the indexer's top-k; 0 for the whole context.</summary>
        public long AttendedSpan => LocalSpan > 0 ? LocalSpan : Indexer?.TopK ?? 0;

        /// <summary>
        /// KV-cache bytes per token on one GPU at the given element size. Sparse MLA in one byte is FlashMLA's FP8 format
        /// (vLLM fp8_ds_mla, SGLang's NSA pool): the latent in FP8 with an FP32 scale per 128 and the rope part in 16 bits,
        /// 656 bytes for DeepSeek-V3.2; the indexer's cache comes on top.
        /// </summary>
        public long BytesPerTokenPerGpu(long tensorParallel, int elementBytes)
        {
            if (Indexer == null) return ElementsPerTokenPerGpu(tensorParallel) * elementBytes;
            long latent = LatentDim - Indexer.RopeDim;
            long main = Kind == AttentionKind.Mla && elementBytes == 1
                ? latent + (latent + 127) / 128 * 4 + Indexer.RopeDim * 2
                : ElementsPerTokenPerGpu(tensorParallel) * elementBytes;
            return main + Indexer.CacheBytesPerToken;
        }

        /// <summary>Elements per token on one GPU at the given TP (GQA KV heads split, at least one; MLA replicated; none for a recurrent layer).</summary>
        public long ElementsPerTokenPerGpu(long tensorParallel)
        {
            if (Kind == AttentionKind.Recurrent || Kind == AttentionKind.None) return 0;
            if (Kind == AttentionKind.Mla) return LatentDim;
            long headsPerGpu = tensorParallel >= KvHeads ? 1 : KvHeads / tensorParallel;
            return 2 * headsPerGpu * HeadDim;
        }
    }

    /// <summary>The distinct <see cref="DecoderLayer"/> objects of an architecture and the kind of each layer index.</summary>
    public sealed class LayerKinds
    {
        public LayerKinds(IReadOnlyList<DecoderLayer> layers)
        {
            var distinct = new List<DecoderLayer>();
            _ids = new int[layers.Count];
            for (int i = 0; i < layers.Count; i++)
            {
                int id = distinct.IndexOf(layers[i]);
                if (id < 0)
                {
                    distinct.Add(layers[i]);
                    id = distinct.Count - 1;
                }
                _ids[i] = id;
            }
            Distinct = distinct;
        }

        private readonly int[] _ids;

        public IReadOnlyList<DecoderLayer> Distinct { get; }

        /// <summary>Layers covered (the architecture's layer count when these kinds were built).</summary>
        public int LayerCount => _ids.Length;

        /// <summary>How many layers of each kind lie in [first, first + count).</summary>
        public int[] Count(int first, int count)
        {
            var perKind = new int[Distinct.Count];
            for (int i = first; i < first + count; i++) perKind[_ids[i]]++;
            return perKind;
        }
    }

    public sealed class DecoderLayer
    {
        public DecoderLayer(IReadOnlyList<WeightTensor> tensors, KvLayout kv, bool isMoe)
        {
            foreach (var t in tensors) HasDenseMlp |= t.Role == TensorRole.Mlp;
            Tensors = tensors;
            Kv = kv;
            IsMoe = isMoe;
        }

        public IReadOnlyList<WeightTensor> Tensors { get; }
        public KvLayout Kv { get; }
        public bool IsMoe { get; }

        /// <summary>False for a block that is only a mixer (Nemotron-H's Mamba and attention layers have no MLP).</summary>
        public bool HasDenseMlp { get; }
    }

    public sealed class MoeInfo
    {
        public MoeInfo(long routedExperts, long expertsPerToken, long sharedExperts, long expertIntermediateSize)
        {
            RoutedExperts = routedExperts;
            ExpertsPerToken = expertsPerToken;
            SharedExperts = sharedExperts;
            ExpertIntermediateSize = expertIntermediateSize;
        }

        public long RoutedExperts { get; }
        public long ExpertsPerToken { get; }
        public long SharedExperts { get; }
        public long ExpertIntermediateSize { get; }
    }

    /// <summary>A model's architecture as the serving framework instantiates it: every weight tensor, per layer.</summary>
    public sealed class Architecture
    {
        public string Family { get; set; } = "";
        public long HiddenSize { get; set; }
        public long VocabSize { get; set; }
        public long AttentionHeads { get; set; }
        public long KeyValueHeads { get; set; }
        public long HeadDim { get; set; }

        /// <summary>MLA's value head dimension (v_head_dim) where it differs from qk_nope_head_dim (GLM-5: 256 against 192); 0 otherwise.</summary>
        public long ValueHeadDim { get; set; }
        public long IntermediateSize { get; set; }
        public bool TiedEmbeddings { get; set; }
        public long MaxPositionEmbeddings { get; set; }

        /// <summary>The context the engine derives (rope scaling applied as vLLM does).</summary>
        public long DerivedMaxModelLen { get; set; }

        /// <summary>Dimension of the rotary cos/sin cache per position (vLLM keeps it on the GPU).</summary>
        public long RotaryDim { get; set; }

        /// <summary>Positions the rotary caches hold together.</summary>
        public long RotaryPositions { get; set; }

        /// <summary>How <see cref="RotaryPositions"/> splits when the model keeps more than one rotary cache.</summary>
        public string? RotaryCaches { get; set; }

        /// <summary>The dtype config.json declares (torch_dtype / dtype).</summary>
        public string ConfigDtype { get; set; } = "bfloat16";

        public MoeInfo? Moe { get; set; }

        /// <summary>Set when the architecture is a generic estimate of an unmodelled model_type (<see cref="GenericDecoderFamily"/>).</summary>
        public Approximation? Approximation { get; set; }
        public List<WeightTensor> Embedding { get; } = new List<WeightTensor>();
        public List<DecoderLayer> Layers { get; } = new List<DecoderLayer>();
        public List<WeightTensor> Head { get; } = new List<WeightTensor>();

        /// <summary>
        /// Multi-token-prediction layers the checkpoint stores after the served model (DeepSeek-V3 num_nextn_predict_layers):
        /// engines load them only as the draft model of MTP speculative decoding.
        /// </summary>
        public List<WeightTensor> NextTokenPredictors { get; } = new List<WeightTensor>();

        /// <summary>How many MTP layers <see cref="NextTokenPredictors"/> holds (one projection from [embedding; hidden] each).</summary>
        public int NextTokenPredictorLayers
        {
            get
            {
                int count = 0;
                foreach (var t in NextTokenPredictors) if (t.Role == TensorRole.NextTokenProjection) count++;
                return count;
            }
        }

        /// <summary>Sub-module name patterns a quantized checkpoint leaves unquantized (modules_to_not_convert / ignore).</summary>
        public List<string> UnquantizedModules { get; } = new List<string>();

        public int LayerCount => Layers.Count;

        /// <summary>The KV layout of the first attention layer (skipping recurrent layers); null when there is none.</summary>
        public KvLayout? FirstAttentionLayout
        {
            get
            {
                foreach (var layer in Kinds.Distinct) if (layer.Kv.HasOwnKvCache) return layer.Kv;
                return null;
            }
        }

        /// <summary>True when some layers keep a recurrent state instead of a KV cache (Qwen3-Next, Qwen3.5).</summary>
        public bool HasRecurrentState
        {
            get
            {
                foreach (var layer in Kinds.Distinct) if (layer.Kv.Kind == AttentionKind.Recurrent) return true;
                return false;
            }
        }

        private LayerKinds? _kinds;

        /// <summary>
        /// The distinct layer objects (most models have one to three) and which one each layer index is, so per-stage sums
        /// can count layers instead of hashing them. Rebuilt if layers were added since.
        /// </summary>
        public LayerKinds Kinds
        {
            get
            {
                var kinds = _kinds;
                if (kinds == null || kinds.LayerCount != Layers.Count) _kinds = kinds = new LayerKinds(Layers);
                return kinds;
            }
        }

        /// <summary>Every tensor the checkpoint's safetensors files hold: the served model and its MTP layers.</summary>
        public IEnumerable<WeightTensor> CheckpointTensors
        {
            get
            {
                foreach (var t in Embedding) yield return t;
                foreach (var layer in Layers)
                {
                    foreach (var t in layer.Tensors) yield return t;
                }
                foreach (var t in Head) yield return t;
                foreach (var t in NextTokenPredictors) yield return t;
            }
        }

        public long TotalParameters
        {
            get
            {
                long total = 0;
                foreach (var t in Embedding) total += t.Parameters;
                foreach (var t in Head) total += t.Parameters;
                foreach (var layer in Layers)
                {
                    foreach (var t in layer.Tensors) total += t.Parameters;
                }
                return total;
            }
        }

        public long EmbeddingParameters
        {
            get
            {
                long total = 0;
                foreach (var t in Embedding) if (t.Role == TensorRole.Embedding) total += t.Parameters;
                return total;
            }
        }

        public long RoutedExpertParameters
        {
            get
            {
                long total = 0;
                foreach (var layer in Layers)
                {
                    foreach (var t in layer.Tensors) if (t.Role == TensorRole.RoutedExpert) total += t.Parameters;
                }
                return total;
            }
        }

        /// <summary>Parameters one token passes through: routed experts counted at top-k of E.</summary>
        public long ActiveParameters
        {
            get
            {
                long routed = RoutedExpertParameters;
                if (Moe == null || routed == 0) return TotalParameters;
                long active = routed / Moe.RoutedExperts * Moe.ExpertsPerToken;
                return TotalParameters - routed + active;
            }
        }

        /// <summary>KV-cache elements per token over all layers at TP 1 (for reporting totals).</summary>
        public long KvElementsPerToken(long tensorParallel)
        {
            long total = 0;
            foreach (var layer in Layers) total += layer.Kv.ElementsPerTokenPerGpu(tensorParallel);
            return total;
        }
    }
}
