using System.Collections.Generic;

namespace DeployLint.Catalog
{
    public sealed class GpuSpec
    {
        public string Id { get; set; } = "";
        public IReadOnlyList<string> Aliases { get; set; } = new string[0];
        public string Name { get; set; } = "";

        /// <summary>Total device memory as CUDA reports it.</summary>
        public long MemoryBytes { get; set; }

        public double HbmGBps { get; set; }

        /// <summary>Dense TFLOPS keyed by precision (bf16, fp16, fp8, int8, fp4, tf32, fp32).</summary>
        public IReadOnlyDictionary<string, double> Tflops { get; set; } = new Dictionary<string, double>();

        public IReadOnlyCollection<string> NativeFormats { get; set; } = new string[0];
        public string ComputeCapability { get; set; } = "";
        public string IntraNodeLink { get; set; } = "";
        public int NvlinkDomain { get; set; } = 1;

        /// <summary>True when the NVLink domain crosses node boundaries (GB200 NVL72 trays).</summary>
        public bool NvlinkDomainSpansNodes { get; set; }

        /// <summary>
        /// Unified-memory parts (DGX Spark's GB10): memory the host OS and page cache hold out of the total CUDA reports,
        /// so it is in use before an engine starts; 0 for discrete GPUs.
        /// </summary>
        public double HostReservedGiB { get; set; }

        /// <summary>This GPU's least time per kernel of a graph-launched step, where measured apart from the catalog's default.</summary>
        public double? KernelFloorMicroseconds { get; set; }

        /// <summary>This GPU's achieved fractions of its peaks (prefill FLOPS, decode FLOPS, decode HBM bandwidth), where measured apart from the catalog's defaults.</summary>
        public double? PrefillMfu { get; set; }
        public double? DecodeMfu { get; set; }
        public double? DecodeMbu { get; set; }
        public string Source { get; set; } = "";

        public bool Supports(string format) => ((ICollection<string>)NativeFormats).Contains(format);

        /// <summary>NVIDIA compute capability as a number (8.0, 8.9, 9.0); 0 for non-NVIDIA parts.</summary>
        public double ComputeCapabilityNumber =>
            double.TryParse(ComputeCapability, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    public enum LinkKind
    {
        NvLink,
        Pcie,
        Network,
    }

    public sealed class LinkSpec
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public LinkKind Kind { get; set; }

        /// <summary>GB/s (10^9) one GPU sends while receiving as much.</summary>
        public double GBpsPerDirection { get; set; }

        public double HopLatencyMicroseconds { get; set; }
        public string Source { get; set; } = "";
    }

    /// <summary>A model in the catalog: its ids and its config.json.</summary>
    public sealed class ModelEntry
    {
        public ModelEntry(IReadOnlyList<string> ids, Models.ModelConfig config, string source)
        {
            Ids = ids;
            Config = config;
            Source = source;
        }

        public IReadOnlyList<string> Ids { get; }
        public string Id => Ids[0];
        public Models.ModelConfig Config { get; }
        public string Source { get; }
    }

    /// <summary>Achieved fractions of peak compute and bandwidth, with their measurements in rules/catalog/efficiency.yaml.</summary>
    public sealed class EfficiencyProfile
    {
        public double PrefillMfu { get; set; } = 0.5;
        public double DecodeMbu { get; set; } = 0.73;
        public double DecodeMfu { get; set; } = 0.6;
        public double CollectiveLaunchMicroseconds { get; set; } = 3;
        public double KernelFloorMicroseconds { get; set; } = 3.4;

        /// <summary>Host time per counted kernel when a forward runs without a CUDA graph (Python dispatch and launch).</summary>
        public double EagerKernelHostMicroseconds { get; set; } = 62;
        public double RuntimeBaseGiB { get; set; } = 0.25;
        public double NvlsBaseGiB { get; set; } = 1.76;
        public double NvlsPerRankGiB { get; set; } = 0.03;
        public double TensorParallelBuffersGiB { get; set; } = 0.1;
        public double SamplerExtraBytesPerLogit { get; set; } = 12;
        public double CudaContextGiB { get; set; } = 0.5;
        public double CudaGraphPoolMinGiB { get; set; } = 0.64;
        public double CudaGraphSharedGiB { get; set; } = 0.03;
        public double CudaGraphPerPieceMiB { get; set; } = 0.41;
        public double CudaGraphMoeFactor { get; set; } = 1.2;
        public double CudaGraphMlaFactor { get; set; } = 1.9;
        public double StartupCommunicatorGiB { get; set; } = 1.0;

        /// <summary>SGLang's "Init torch distributed ends. mem usage" at TP &gt; 1: with NVLink SHARP (NVSwitch, CC 9.0+) and without.</summary>
        public double SglangDistributedNvlsGiB { get; set; } = 1.25;
        public double SglangDistributedGiB { get; set; } = 0.13;
        public double TritonMxfp4GraphPoolGiB { get; set; } = 1.84;
        public double TritonMxfp4GraphPoolTensorParallelGiB { get; set; } = 1.55;
        public double TritonMxfp4WarmupReserveGiB { get; set; } = 1.78;
        public double TritonMxfp4WarmupReserveTensorParallelGiB { get; set; } = 1.62;
        public double TritonMxfp4WarmupRequests { get; set; } = 1024;
    }
}
