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

        /// <summary>The format weights are held in on the GPU.</summary>
        public string WeightsFormat { get; set; } = Formats.Bf16;
        public QuantizationScheme Quantization { get; set; } = new QuantizationScheme(Formats.Bf16, ScaleGranularity.None);

        /// <summary>What the checkpoint's quantization_config says it stores; null for a 16-bit checkpoint.</summary>
        public QuantizationScheme? CheckpointQuantization { get; set; }

        /// <summary>The dtype of activations and of unquantized tensors (bf16 or fp16).</summary>
        public string ActivationFormat { get; set; } = Formats.Bf16;
        public string KvCacheFormat { get; set; } = Formats.Bf16;

        public GpuSpec Gpu { get; set; } = new GpuSpec();
        public int Nodes { get; set; } = 1;
        public int GpusPerNode { get; set; } = 1;
        public LinkSpec IntraNodeLink { get; set; } = new LinkSpec();
        public LinkSpec? InterNodeLink { get; set; }

        public int Tensor { get; set; } = 1;
        public int Pipeline { get; set; } = 1;
        public int Data { get; set; } = 1;
        public int Expert { get; set; } = 1;

        public ServingEngine Engine { get; set; } = ServingEngine.Vllm;
        public string EngineVersion { get; set; } = "";
        public double GpuMemoryUtilization { get; set; } = 0.9;
        public long MaxModelLen { get; set; }
        public long MaxConcurrentSequences { get; set; }
        public bool MaxConcurrentSequencesDeclared { get; set; }
        public long MaxBatchedTokens { get; set; }
        public int BlockSize { get; set; } = 16;
        public long ReservedBytes { get; set; }

        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public double? TtftMs { get; set; }
        public double? TpotMs { get; set; }

        public int TotalGpus => Nodes * GpusPerNode;

        /// <summary>GPUs that share one expert set: the TP x DP GPUs of a stage when EP is on, else the TP group.</summary>
        public int MoeTensorParallel => Expert <= 1 ? Tensor : System.Math.Max(1, Tensor * Data / Expert);

        public string EngineName => Engine switch
        {
            ServingEngine.Vllm => "vllm",
            ServingEngine.Sglang => "sglang",
            ServingEngine.Trtllm => "trtllm",
            _ => "generic",
        };
    }
}
