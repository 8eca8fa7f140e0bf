using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeployLint.Models;
using DeployLint.Rules.Manifest;
using DeployLint.Yaml;

namespace DeployLint.Catalog
{
    /// <summary>
    /// Merges user catalogs over the built-in one. The format is the built-in one: <c>gpus:</c> and <c>links:</c> rows
    /// as in rules/catalog, and <c>models:</c> rows with <c>ids</c>, <c>source</c> and the model's config.json inline
    /// under <c>config</c>. Every row needs a source. Ids that already exist are conflicts, not overrides.
    /// </summary>
    public static class UserCatalog
    {
        public static HardwareCatalog Merge(HardwareCatalog baseCatalog, IEnumerable<(string Path, string Text)> files, List<Diagnostic> problems)
        {
            using var culture = DeployLint.Text.InvariantCultureScope.Enter();
            var merged = baseCatalog.Clone();
            foreach (var (path, text) in files)
            {
                var bag = new DiagnosticBag(path);
                ReadInto(merged, text, bag);
                problems.AddRange(bag.Items);
            }
            return merged;
        }

        private static void ReadInto(HardwareCatalog catalog, string text, DiagnosticBag bag)
        {
            var read = YamlTreeReader.Read(text);
            foreach (var p in read.Problems) bag.Add(InvalidCatalog.Descriptor, p.Span, "the catalog is not valid YAML: " + p.Message);
            if (read.Problems.Count > 0) return;
            if (read.Documents.Count != 1 || !(read.Documents[0].Root is YMapping root))
            {
                bag.Add(InvalidCatalog.Descriptor, SourceSpan.FileStart, "a catalog is one YAML mapping with gpus:, links: and/or models: lists");
                return;
            }
            foreach (var entry in root.Entries)
            {
                if (entry.Key.Value != "gpus" && entry.Key.Value != "links" && entry.Key.Value != "models")
                {
                    bag.Add(InvalidCatalog.Descriptor, entry.Key.Span, $"unknown catalog section '{entry.Key.Value}'; known: gpus, links, models");
                }
            }
            foreach (var row in Rows(root, "links", bag)) AddLink(catalog, row, bag);
            foreach (var row in Rows(root, "gpus", bag)) AddGpu(catalog, row, bag);
            foreach (var row in Rows(root, "models", bag)) AddModel(catalog, row, bag);
        }

        private static IEnumerable<YMapping> Rows(YMapping root, string key, DiagnosticBag bag)
        {
            var node = root.Get(key);
            if (node == null) yield break;
            if (!(node is YSequence list))
            {
                bag.Add(InvalidCatalog.Descriptor, node.Span, $"'{key}' must be a list");
                yield break;
            }
            foreach (var item in list.Items)
            {
                if (item is YMapping m) yield return m;
                else bag.Add(InvalidCatalog.Descriptor, item.Span, $"each '{key}' entry must be a mapping");
            }
        }

        private static void AddGpu(HardwareCatalog catalog, YMapping row, DiagnosticBag bag)
        {
            string? id = Text(row, "id", bag);
            double memory = Number(row, "memoryBytes", bag);
            double hbm = Number(row, "hbmGBps", bag);
            string? source = Text(row, "source", bag);
            if (id == null || source == null || memory <= 0 || hbm <= 0) return;
            if (catalog.FindGpu(id, out _) != null)
            {
                bag.Add(InvalidCatalog.Descriptor, row.Get("id")!.Span, $"GPU id '{id}' already exists in the catalog; user catalogs add GPUs under new ids");
                return;
            }
            var tflops = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            if (row.Get("tflops") is YMapping t)
            {
                foreach (var e in t.Entries)
                {
                    if (e.Value is YScalar s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0) tflops[e.Key.Value] = v;
                    else bag.Add(InvalidCatalog.Descriptor, e.Value.Span, $"tflops.{e.Key.Value} must be a positive number");
                }
            }
            if (tflops.Count == 0) bag.Add(InvalidCatalog.Descriptor, row.Span, $"GPU '{id}' needs tflops (dense TFLOPS per precision, e.g. {{ bf16: 989.4 }})");
            string intra = (row.Get("intraNode") as YScalar)?.Value ?? "pcie-gen4";
            if (catalog.FindLink(intra) == null)
            {
                bag.Add(InvalidCatalog.Descriptor, row.Get("intraNode")?.Span ?? row.Span, $"GPU '{id}' names unknown link '{intra}'");
                return;
            }
            catalog.AddGpu(new GpuSpec
            {
                Id = id,
                Name = (row.Get("name") as YScalar)?.Value ?? id,
                Aliases = List(row, "aliases"),
                MemoryBytes = (long)memory,
                HbmGBps = hbm,
                Tflops = tflops,
                NativeFormats = new HashSet<string>(List(row, "native"), StringComparer.OrdinalIgnoreCase),
                ComputeCapability = (row.Get("cc") as YScalar)?.Value ?? "",
                IntraNodeLink = intra,
                NvlinkDomain = (int)Math.Max(1, OptionalNumber(row, "nvlinkDomain", 1)),
                NvlinkDomainSpansNodes = (row.Get("nvlinkDomainSpansNodes") as YScalar)?.Value == "true",
                KernelFloorMicroseconds = KernelFloor(row, id, bag),
                PrefillMfu = Fraction(row, "prefillMfu", id, bag),
                DecodeMfu = Fraction(row, "decodeMfu", id, bag),
                DecodeMbu = Fraction(row, "decodeMbu", id, bag),
                Source = source,
            });
        }

        /// <summary>The GPU's own kernel floor (kernelFloorUs), when given: a positive number of microseconds up to 1,000.</summary>
        private static double? KernelFloor(YMapping row, string id, DiagnosticBag bag)
        {
            if (!(row.Get("kernelFloorUs") is YNode node)) return null;
            double floor = OptionalNumber(row, "kernelFloorUs", 0);
            if (floor > 0 && floor <= 1000) return floor;
            bag.Add(InvalidCatalog.Descriptor, node.Span, $"GPU '{id}': kernelFloorUs must be a number of microseconds above 0 and at most 1000");
            return null;
        }

        /// <summary>An achieved fraction of a peak (prefillMfu, decodeMfu, decodeMbu), when given: above 0 and at most 1.</summary>
        private static double? Fraction(YMapping row, string key, string id, DiagnosticBag bag)
        {
            if (!(row.Get(key) is YNode node)) return null;
            double value = OptionalNumber(row, key, 0);
            if (value > 0 && value <= 1) return value;
            bag.Add(InvalidCatalog.Descriptor, node.Span, $"GPU '{id}': {key} must be a fraction of the peak above 0 and at most 1");
            return null;
        }

        private static void AddLink(HardwareCatalog catalog, YMapping row, DiagnosticBag bag)
        {
            string? id = Text(row, "id", bag);
            double bandwidth = Number(row, "gbpsPerDirection", bag);
            string? source = Text(row, "source", bag);
            if (id == null || source == null || bandwidth <= 0) return;
            if (catalog.FindLink(id) != null)
            {
                bag.Add(InvalidCatalog.Descriptor, row.Get("id")!.Span, $"link id '{id}' already exists in the catalog");
                return;
            }
            string kind = (row.Get("kind") as YScalar)?.Value ?? "network";
            catalog.AddLink(new LinkSpec
            {
                Id = id,
                Name = (row.Get("name") as YScalar)?.Value ?? id,
                Kind = kind == "nvlink" ? LinkKind.NvLink : kind == "pcie" ? LinkKind.Pcie : LinkKind.Network,
                GBpsPerDirection = bandwidth,
                HopLatencyMicroseconds = OptionalNumber(row, "hopLatencyUs", kind == "network" ? 2.7 : 1.0),
                Source = source,
            });
        }

        private static void AddModel(HardwareCatalog catalog, YMapping row, DiagnosticBag bag)
        {
            var ids = List(row, "ids");
            string? source = Text(row, "source", bag);
            if (ids.Count == 0) bag.Add(InvalidCatalog.Descriptor, row.Span, "a model entry needs ids: [org/name, ...]");
            if (!(row.Get("config") is YMapping config))
            {
                bag.Add(InvalidCatalog.Descriptor, row.Get("config")?.Span ?? row.Span, "a model entry needs config: (its config.json, inline)");
                return;
            }
            if (ids.Count == 0 || source == null) return;
            foreach (var id in ids)
            {
                if (catalog.FindModel(id) != null)
                {
                    bag.Add(InvalidCatalog.Descriptor, row.Get("ids")!.Span, $"model id '{id}' already exists in the catalog");
                    return;
                }
            }
            var entry = new ModelEntry(ids, new ModelConfig(config, ids[0]), source);
            var result = catalog.ArchitectureOf(entry);
            if (result.Error != null)
            {
                bag.Add(InvalidCatalog.Descriptor, result.Error.Span, $"model '{ids[0]}': {result.Error.Message}");
                return;
            }
            catalog.AddModel(entry);
        }

        private static string? Text(YMapping row, string key, DiagnosticBag bag)
        {
            if (row.Get(key) is YScalar s && !s.IsNull && s.Value.Trim().Length > 0) return s.Value.Trim();
            bag.Add(InvalidCatalog.Descriptor, row.Get(key)?.Span ?? row.Span, $"catalog entry needs '{key}'" + (key == "source" ? " (the datasheet, config.json or measurement the numbers come from)" : ""));
            return null;
        }

        private static double Number(YMapping row, string key, DiagnosticBag bag)
        {
            if (row.Get(key) is YScalar s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && !double.IsInfinity(v)) return v;
            bag.Add(InvalidCatalog.Descriptor, row.Get(key)?.Span ?? row.Span, $"catalog entry needs '{key}' as a positive number");
            return 0;
        }

        private static double OptionalNumber(YMapping row, string key, double fallback) =>
            row.Get(key) is YScalar s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

        private static IReadOnlyList<string> List(YMapping row, string key) =>
            row.Get(key) is YSequence seq ? seq.Items.OfType<YScalar>().Select(x => x.Value).ToList() : (IReadOnlyList<string>)new string[0];
    }
}
