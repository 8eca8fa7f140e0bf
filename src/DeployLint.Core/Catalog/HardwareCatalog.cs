using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using DeployLint.Models;
using DeployLint.Yaml;

namespace DeployLint.Catalog
{
    /// <summary>
    /// GPUs, links and models, built in (rules/catalog, embedded) and extendable. Lookups are case-insensitive;
    /// aliases resolve to canonical ids. Immutable after construction, so one instance is shared by all threads.
    /// </summary>
    public sealed class HardwareCatalog
    {
        private static readonly Lazy<HardwareCatalog> BuiltInInstance = new Lazy<HardwareCatalog>(LoadBuiltIn, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly Dictionary<string, GpuSpec> _gpus = new Dictionary<string, GpuSpec>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, GpuSpec> _gpuAliases = new Dictionary<string, GpuSpec>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, LinkSpec> _links = new Dictionary<string, LinkSpec>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ModelEntry> _models = new Dictionary<string, ModelEntry>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _nodeLabels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _nodeLabelKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Spellings resolved so far (null: names no catalog GPU). Cleared when the catalog changes.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, GpuSpec?> _spellings =
            new System.Collections.Concurrent.ConcurrentDictionary<string, GpuSpec?>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, InstanceType> _instanceTypes = new Dictionary<string, InstanceType>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<ModelEntry, Lazy<ArchitectureResult>> _architectures = new ConcurrentDictionary<ModelEntry, Lazy<ArchitectureResult>>();

        public static HardwareCatalog BuiltIn => BuiltInInstance.Value;

        /// <summary>Achieved fractions of peak per phase (rules/catalog/efficiency.yaml).</summary>
        public EfficiencyProfile Efficiency { get; set; } = new EfficiencyProfile();

        /// <summary>When the built-in catalog data was last revised (rules/catalog/gpus.yaml 'updated').</summary>
        public string Updated { get; set; } = "";

        public IEnumerable<GpuSpec> Gpus => _gpus.Values;
        public IEnumerable<LinkSpec> Links => _links.Values;
        public IEnumerable<ModelEntry> Models => _models.Values.Distinct();
        public IEnumerable<string> ModelIds => _models.Keys;

        /// <summary>
        /// The GPU an id names: a catalog id; else an alias; else a node-label value that names one GPU whatever its
        /// label key (nvidia-tesla-a100, NVIDIA-A100-SXM4-80GB); else the spelling taken apart (H200-141GB,
        /// NVIDIA-H100-80GB-HBM3, A100 80GB PCIe; <see cref="GpuSpelling"/>). <paramref name="viaAlias"/> is true for all but the id.
        /// </summary>
        public GpuSpec? FindGpu(string id, out bool viaAlias)
        {
            viaAlias = false;
            if (_gpus.TryGetValue(id, out var gpu)) return gpu;
            viaAlias = true;
            if (_gpuAliases.TryGetValue(id, out gpu)) return gpu;
            if (_spellings.Count > 4096) _spellings.Clear(); // an editor session types many spellings
            gpu = _spellings.GetOrAdd(id, ResolveSpelling);
            viaAlias = gpu != null;
            return gpu;
        }

        private GpuSpec? ResolveSpelling(string spelling)
        {
            var byLabel = _nodeLabels.Where(pair => pair.Key.EndsWith("=" + spelling, StringComparison.OrdinalIgnoreCase)).Select(pair => pair.Value)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (byLabel.Count == 1 && _gpus.TryGetValue(byLabel[0], out var labelled)) return labelled;
            return GpuSpelling.Parse(spelling)?.Match(_gpus.Values);
        }

        /// <summary>The GPU catalog id a node label names (rules/catalog/nodes.yaml), or null.</summary>
        /// <summary>
        /// The GPU catalog id a node label names: the label table (rules/catalog/nodes.yaml), else, for a label whose value
        /// is a product name (GPU feature discovery, AMD's labeller), that name resolved like any GPU spelling; or null.
        /// </summary>
        public string? GpuForNodeLabel(string key, string value)
        {
            if (_nodeLabels.TryGetValue(key + "=" + value, out var id)) return id;
            if (key == "cloud.google.com/gke-accelerator") return null; // GKE's names are listed exactly (nvidia-tesla-a100 is the 40 GB card)
            return FindGpu(value, out _)?.Id;
        }

        /// <summary>A cloud instance type (node.kubernetes.io/instance-type) with its GPUs and GPU network, or null.</summary>
        public InstanceType? FindInstanceType(string name) => _instanceTypes.TryGetValue(name, out var type) ? type : null;

        /// <summary>True when some node label with this key names a GPU (GPU feature discovery's, or a node pool's).</summary>
        public bool NamesGpuByLabel(string key) => _nodeLabelKeys.Contains(key);

        public void AddNodeLabel(string key, string value, string gpuId)
        {
            _nodeLabels[key + "=" + value] = gpuId;
            _nodeLabelKeys.Add(key);
            _spellings.Clear();
        }

        public void AddInstanceType(InstanceType type) => _instanceTypes[type.Name] = type;

        public LinkSpec? FindLink(string id) => _links.TryGetValue(id, out var link) ? link : null;

        public ModelEntry? FindModel(string id) => _models.TryGetValue(id, out var model) ? model : null;

        /// <summary>The architecture of a catalog model, built once and cached.</summary>
        public ArchitectureResult ArchitectureOf(ModelEntry entry) =>
            _architectures.GetOrAdd(entry, e => new Lazy<ArchitectureResult>(() => ArchitectureResult.From(e.Config))).Value;

        /// <summary>A copy that user catalogs can extend without touching the shared built-in instance.</summary>
        public HardwareCatalog Clone()
        {
            var copy = new HardwareCatalog { Efficiency = Efficiency };
            foreach (var g in _gpus.Values) copy.AddGpu(g);
            foreach (var l in _links.Values) copy.AddLink(l);
            foreach (var pair in _models) copy._models[pair.Key] = pair.Value;
            foreach (var pair in _nodeLabels) copy._nodeLabels[pair.Key] = pair.Value;
            copy._nodeLabelKeys.UnionWith(_nodeLabelKeys);
            foreach (var pair in _instanceTypes) copy._instanceTypes[pair.Key] = pair.Value;
            foreach (var pair in _architectures) copy._architectures[pair.Key] = pair.Value;
            return copy;
        }

        public void AddGpu(GpuSpec gpu)
        {
            _gpus[gpu.Id] = gpu;
            foreach (var alias in gpu.Aliases) _gpuAliases[alias] = gpu;
            _spellings.Clear();
        }

        public void AddLink(LinkSpec link) => _links[link.Id] = link;

        public void AddModel(ModelEntry model)
        {
            foreach (var id in model.Ids) _models[id] = model;
        }

        private static HardwareCatalog LoadBuiltIn()
        {
            var catalog = new HardwareCatalog();
            var assembly = typeof(HardwareCatalog).GetTypeInfo().Assembly;
            foreach (var name in assembly.GetManifestResourceNames().OrderBy(n => n, StringComparer.Ordinal))
            {
                if (!name.StartsWith("catalog/", StringComparison.Ordinal)) continue;
                string text;
                using (var stream = assembly.GetManifestResourceStream(name)!)
                using (var reader = new StreamReader(stream))
                {
                    text = reader.ReadToEnd();
                }
                if (name == "catalog/gpus.yaml")
                {
                    CatalogReader.ReadGpus(text, name, catalog);
                    catalog.Updated = CatalogReader.Updated(text);
                }
                else if (name == "catalog/links.yaml") CatalogReader.ReadLinks(text, name, catalog);
                else if (name == "catalog/nodes.yaml") CatalogReader.ReadNodes(text, name, catalog);
                else if (name == "catalog/efficiency.yaml") catalog.Efficiency = CatalogReader.ReadEfficiency(text, name);
                else if (name.StartsWith("catalog/models/", StringComparison.Ordinal)) CatalogReader.ReadModel(text, name, catalog);
            }
            return catalog;
        }
    }

    /// <summary>An architecture, or the reason it cannot be built (a DPL0009 waiting to be reported).</summary>
    public sealed class ArchitectureResult
    {
        private ArchitectureResult(Architecture? architecture, ModelConfigException? error, Estimation.QuantizationScheme? quantization)
        {
            Architecture = architecture;
            Error = error;
            Quantization = quantization;
        }

        public Architecture? Architecture { get; }

        /// <summary>The checkpoint's quantization (quantization_config), null for 16-bit checkpoints.</summary>
        public Estimation.QuantizationScheme? Quantization { get; }

        public static ArchitectureResult Failed(ModelConfigException error) => new ArchitectureResult(null, error, null);
        public ModelConfigException? Error { get; }

        public static ArchitectureResult From(ModelConfig config)
        {
            try
            {
                return new ArchitectureResult(ArchitectureFamilies.Build(config), null, CheckpointQuantization.Read(config));
            }
            catch (ModelConfigException ex)
            {
                return new ArchitectureResult(null, ex, null);
            }
        }
    }

    /// <summary>Reads catalog files (YAML for hardware, config.json-shaped JSON for models).</summary>
    public static class CatalogReader
    {
        public static void ReadGpus(string text, string source, HardwareCatalog catalog)
        {
            foreach (var item in Items(text, source, "gpus"))
            {
                var gpu = new GpuSpec
                {
                    Id = Str(item, "id"),
                    Name = Str(item, "name"),
                    Aliases = List(item, "aliases"),
                    MemoryBytes = (long)Num(item, "memoryBytes"),
                    HbmGBps = Num(item, "hbmGBps"),
                    NativeFormats = new HashSet<string>(List(item, "native"), StringComparer.OrdinalIgnoreCase),
                    ComputeCapability = Str(item, "cc"),
                    IntraNodeLink = Str(item, "intraNode"),
                    NvlinkDomain = (int)Num(item, "nvlinkDomain"),
                    NvlinkDomainSpansNodes = Str(item, "nvlinkDomainSpansNodes") == "true",
                    HostReservedGiB = item.Get("hostReservedGiB") is YScalar reserved ? ParseDouble(reserved.Value) : 0,
                    KernelFloorMicroseconds = item.Get("kernelFloorUs") is YScalar floor ? ParseDouble(floor.Value) : (double?)null,
                    PrefillMfu = item.Get("prefillMfu") is YScalar prefillMfu ? ParseDouble(prefillMfu.Value) : (double?)null,
                    DecodeMfu = item.Get("decodeMfu") is YScalar decodeMfu ? ParseDouble(decodeMfu.Value) : (double?)null,
                    DecodeMbu = item.Get("decodeMbu") is YScalar decodeMbu ? ParseDouble(decodeMbu.Value) : (double?)null,
                    Source = Str(item, "source"),
                };
                var tflops = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
                if (item.Get("tflops") is YMapping t)
                {
                    foreach (var e in t.Entries) tflops[e.Key.Value] = ParseDouble(((YScalar)e.Value).Value);
                }
                gpu.Tflops = tflops;
                catalog.AddGpu(gpu);
            }
        }

        public static string Updated(string text)
        {
            var read = YamlTreeReader.Read(text);
            return read.Documents.Count == 1 && read.Documents[0].Root is YMapping root && root.Get("updated") is YScalar s ? s.Value : "";
        }

        public static void ReadNodes(string text, string source, HardwareCatalog catalog)
        {
            foreach (var item in Items(text, source, "labels")) catalog.AddNodeLabel(Str(item, "key"), Str(item, "value"), Str(item, "gpu"));
            foreach (var item in Items(text, source, "instanceTypes"))
            {
                catalog.AddInstanceType(new InstanceType(Str(item, "name"), Str(item, "gpu"), (int)Num(item, "gpus"), item.Get("interNode") is YScalar link ? link.Value : null, Str(item, "source")));
            }
        }

        public static void ReadLinks(string text, string source, HardwareCatalog catalog)
        {
            foreach (var item in Items(text, source, "links"))
            {
                catalog.AddLink(new LinkSpec
                {
                    Id = Str(item, "id"),
                    Name = Str(item, "name"),
                    Kind = Str(item, "kind") switch { "nvlink" => LinkKind.NvLink, "pcie" => LinkKind.Pcie, _ => LinkKind.Network },
                    GBpsPerDirection = Num(item, "gbpsPerDirection"),
                    HopLatencyMicroseconds = Num(item, "hopLatencyUs"),
                    Source = Str(item, "source"),
                });
            }
        }

        public static EfficiencyProfile ReadEfficiency(string text, string source)
        {
            var read = YamlTreeReader.Read(text);
            if (read.Problems.Count > 0 || read.Documents.Count != 1 || !(read.Documents[0].Root is YMapping root) || !(root.Get("efficiency") is YMapping e))
            {
                throw new InvalidDataException($"catalog file {source} is malformed");
            }
            return new EfficiencyProfile
            {
                PrefillMfu = Num(e, "prefillMfu"),
                DecodeMbu = Num(e, "decodeMbu"),
                DecodeMfu = Num(e, "decodeMfu"),
                CollectiveLaunchMicroseconds = Num(e, "collectiveLaunchUs"),
                KernelFloorMicroseconds = Num(e, "kernelFloorUs"),
                EagerKernelHostMicroseconds = Num(e, "eagerKernelHostUs"),
                RuntimeBaseGiB = Num(e, "runtimeBaseGiB"),
                NvlsBaseGiB = Num(e, "nvlsBaseGiB"),
                NvlsPerRankGiB = Num(e, "nvlsPerRankGiB"),
                TensorParallelBuffersGiB = Num(e, "tensorParallelBuffersGiB"),
                SamplerExtraBytesPerLogit = Num(e, "samplerExtraBytesPerLogit"),
                CudaContextGiB = Num(e, "cudaContextGiB"),
                CudaGraphPoolMinGiB = Num(e, "cudaGraphPoolMinGiB"),
                CudaGraphSharedGiB = Num(e, "cudaGraphSharedGiB"),
                CudaGraphPerPieceMiB = Num(e, "cudaGraphPerPieceMiB"),
                CudaGraphMoeFactor = Num(e, "cudaGraphMoeFactor"),
                CudaGraphMlaFactor = Num(e, "cudaGraphMlaFactor"),
                StartupCommunicatorGiB = Num(e, "startupCommunicatorGiB"),
                SglangDistributedNvlsGiB = Num(e, "sglangDistributedNvlsGiB"),
                SglangDistributedGiB = Num(e, "sglangDistributedGiB"),
                TritonMxfp4GraphPoolGiB = Num(e, "tritonMxfp4GraphPoolGiB"),
                TritonMxfp4GraphPoolTensorParallelGiB = Num(e, "tritonMxfp4GraphPoolTensorParallelGiB"),
                TritonMxfp4WarmupReserveGiB = Num(e, "tritonMxfp4WarmupReserveGiB"),
                TritonMxfp4WarmupReserveTensorParallelGiB = Num(e, "tritonMxfp4WarmupReserveTensorParallelGiB"),
                TritonMxfp4WarmupRequests = Num(e, "tritonMxfp4WarmupRequests"),
            };
        }

        public static void ReadModel(string text, string source, HardwareCatalog catalog)
        {
            var read = YamlTreeReader.Read(text);
            if (read.Problems.Count > 0 || read.Documents.Count != 1 || !(read.Documents[0].Root is YMapping root))
            {
                throw new InvalidDataException($"catalog file {source} is not a valid config.json");
            }
            var meta = root.Get("_deploylint") as YMapping ?? throw new InvalidDataException($"catalog file {source} has no _deploylint section");
            var ids = List(meta, "ids");
            catalog.AddModel(new ModelEntry(ids, new ModelConfig(root, source), Str(meta, "source")));
        }

        private static IEnumerable<YMapping> Items(string text, string source, string key)
        {
            var read = YamlTreeReader.Read(text);
            if (read.Problems.Count > 0 || read.Documents.Count != 1 || !(read.Documents[0].Root is YMapping root) || !(root.Get(key) is YSequence seq))
            {
                throw new InvalidDataException($"catalog file {source} is malformed: {string.Join("; ", read.Problems.Select(p => p.Message))}");
            }
            foreach (var item in seq.Items)
            {
                if (item is YMapping m) yield return m;
            }
        }

        private static string Str(YMapping m, string key) => (m.Get(key) as YScalar)?.Value ?? "";

        private static double Num(YMapping m, string key) => m.Get(key) is YScalar s ? ParseDouble(s.Value) : 0;

        private static double ParseDouble(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

        private static IReadOnlyList<string> List(YMapping m, string key)
        {
            var list = new List<string>();
            if (m.Get(key) is YSequence seq)
            {
                foreach (var item in seq.Items) if (item is YScalar s) list.Add(s.Value);
            }
            return list;
        }
    }

    /// <summary>A cloud instance type: its GPU, how many, and the per-GPU inter-node link (null when it has no GPU network).</summary>
    public sealed class InstanceType
    {
        public InstanceType(string name, string gpu, int gpus, string? interNode, string source)
        {
            Name = name;
            Gpu = gpu;
            Gpus = gpus;
            InterNode = interNode;
            Source = source;
        }

        public string Name { get; }
        public string Gpu { get; }
        public int Gpus { get; }
        public string? InterNode { get; }
        public string Source { get; }
    }
}
