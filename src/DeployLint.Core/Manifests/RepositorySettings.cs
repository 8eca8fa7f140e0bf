using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Yaml;

namespace DeployLint.Manifests
{
    /// <summary>
    /// What a platform team states once for its whole fleet, for files that do not say it: the default GPU and network
    /// between nodes, and node pools (a node label a pod selects, mapped to the GPU its nodes carry). From deploylint.yaml
    /// at the repository root, or from --gpu / --inter-node for one run.
    /// </summary>
    public sealed class RepositoryDefaults
    {
        /// <summary>Where the defaults come from, for messages: "deploylint.yaml" or "--gpu".</summary>
        public string Origin { get; set; } = "deploylint.yaml";
        public string? Gpu { get; set; }
        public string? InterNode { get; set; }
        public List<NodePool> NodePools { get; } = new List<NodePool>();

        /// <summary>prices: GPU id (or spelling) to price per GPU-hour.</summary>
        public Dictionary<string, double> Prices { get; } = new Dictionary<string, double>(System.StringComparer.OrdinalIgnoreCase);

        public bool IsEmpty => Gpu == null && InterNode == null && NodePools.Count == 0 && Prices.Count == 0;

        /// <summary>The catalog with the node pools as node labels that name their GPU (a copy; the given one is shared).</summary>
        public Catalog.HardwareCatalog WithNodePools(Catalog.HardwareCatalog catalog)
        {
            if (NodePools.Count == 0) return catalog;
            var copy = catalog.Clone();
            foreach (var pool in NodePools) copy.AddNodeLabel(pool.LabelKey, pool.LabelValue, catalog.FindGpu(pool.Gpu, out _)?.Id ?? pool.Gpu);
            return copy;
        }
    }

    /// <summary>Nodes that carry a label (cloud.google.com/gke-nodepool=a3-pool) and a GPU type.</summary>
    public sealed class NodePool
    {
        public NodePool(string labelKey, string labelValue, string gpu)
        {
            LabelKey = labelKey;
            LabelValue = labelValue;
            Gpu = gpu;
        }

        public string LabelKey { get; }
        public string LabelValue { get; }
        public string Gpu { get; }
    }

    /// <summary>deploylint.yaml, read: catalogs to merge, defaults, and the problems found with their positions.</summary>
    public sealed class RepositorySettings
    {
        public static readonly string[] Keys = { "catalogs", "defaults", "nodePools", "prices" };

        public List<YScalar> Catalogs { get; } = new List<YScalar>();
        public RepositoryDefaults Defaults { get; } = new RepositoryDefaults();
        public List<(SourceSpan At, string Message)> Problems { get; } = new List<(SourceSpan, string)>();

        public static RepositorySettings Parse(string text)
        {
            var settings = new RepositorySettings();
            var read = YamlTreeReader.Read(text);
            if (read.Problems.Count > 0 || read.Documents.Count != 1 || !(read.Documents[0].Root is YMapping map))
            {
                settings.Problems.Add((SourceSpan.FileStart, "not a YAML mapping with catalogs:, defaults: or nodePools:; ignored"));
                return settings;
            }
            foreach (var e in map.Entries.Where(e => !Keys.Contains(e.Key.Value)))
            {
                settings.Problems.Add((e.Key.Span, $"unknown key '{ManifestBinder.Shorten(e.Key.Value)}'; known: {string.Join(", ", Keys)}"));
            }
            if (map.Get("catalogs") is YSequence catalogs) settings.Catalogs.AddRange(catalogs.Items.OfType<YScalar>());
            if (map.Get("defaults") is YMapping defaults)
            {
                foreach (var e in defaults.Entries)
                {
                    string? value = e.Value is YScalar s && !s.IsNull ? s.Value : null;
                    if (e.Key.Value == "gpu") settings.Defaults.Gpu = value;
                    else if (e.Key.Value == "interNode") settings.Defaults.InterNode = value;
                    else settings.Problems.Add((e.Key.Span, $"unknown key 'defaults.{ManifestBinder.Shorten(e.Key.Value)}'; known: gpu, interNode"));
                }
            }
            if (map.Get("prices") is YMapping prices)
            {
                foreach (var e in prices.Entries)
                {
                    if (e.Value is YScalar price && double.TryParse(price.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double usd) && usd > 0 && usd < 1_000_000)
                    {
                        settings.Defaults.Prices[e.Key.Value] = usd;
                    }
                    else
                    {
                        settings.Problems.Add((e.Value.Span, $"prices.{ManifestBinder.Shorten(e.Key.Value)} must be a positive price per GPU-hour; ignored"));
                    }
                }
            }
            if (map.Get("nodePools") is YSequence pools)
            {
                foreach (var item in pools.Items)
                {
                    var selector = (item as YMapping)?.Get("selector") as YMapping;
                    var gpu = (item as YMapping)?.Get("gpu") as YScalar;
                    if (selector == null || selector.Entries.Count != 1 || !(selector.Entries[0].Value is YScalar label) || gpu == null)
                    {
                        settings.Problems.Add((item.Span, "a node pool is { selector: { LABEL: VALUE }, gpu: GPU-ID }; ignored"));
                        continue;
                    }
                    settings.Defaults.NodePools.Add(new NodePool(selector.Entries[0].Key.Value, label.Value, gpu.Value));
                }
            }
            return settings;
        }
    }
}
