using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Rules.Manifest;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// Works out the GPU (and the network between nodes) a pod will get from what the scheduler is told: the
    /// deploylint.io annotations, GPU node labels and cloud instance types (rules/catalog/nodes.yaml). Never guesses.
    /// </summary>
    public static class ClusterHardware
    {
        public const string GpuAnnotation = "deploylint.io/gpu";
        public const string InterNodeAnnotation = "deploylint.io/inter-node";
        public const string ModelAnnotation = "deploylint.io/model";
        public const string ModelConfigAnnotation = "deploylint.io/model-config";
        public const string SuppressAnnotation = "deploylint.io/suppress";
        public const string SloAnnotation = "deploylint.io/slo";

        private static readonly string[] InstanceTypeLabels = { "node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type" };
        private const string TpuLabel = "cloud.google.com/gke-tpu-accelerator";
        private static readonly string[] GpuLabels = { "cloud.google.com/gke-accelerator", "nvidia.com/gpu.product", "amd.com/gpu.product-name", "beta.amd.com/gpu.product-name" };

        /// <summary>
        /// Fills the GPU, the inter-node link and the model annotations; returns the GPUs per node of the instance type
        /// the pod selects (0 when it selects none).
        /// </summary>
        public static int Apply(ForeignDeployment d, PodScheduling pod, ReadContext ctx)
        {
            var m = d.Manifest;
            if (pod.Annotations.TryGetValue(SuppressAnnotation, out var suppress)) AddSuppressions(m, suppress, ctx);
            if (pod.Annotations.TryGetValue(SloAnnotation, out var slo)) AddSlo(m, slo, d.Bag, ctx);
            if (pod.Annotations.TryGetValue(ModelAnnotation, out var model)) m.Model.Id = YamlAccess.Text(model);
            if (pod.Annotations.TryGetValue(ModelConfigAnnotation, out var config)) m.Model.Config = YamlAccess.Text(config);
            if (pod.Annotations.TryGetValue(InterNodeAnnotation, out var link)) m.Hardware.InterNode = YamlAccess.Text(link);
            if (pod.Annotations.TryGetValue(GpuAnnotation, out var gpu))
            {
                m.Hardware.Gpu = YamlAccess.Text(gpu);
                return 0;
            }

            foreach (var pair in pod.NodeLabels)
            {
                if (pair.Key.Value != TpuLabel || pair.Value.Count == 0) continue;
                // vLLM and JetStream on Cloud TPU: no GPU memory to budget.
                m.Hardware.GpuUnknownExplained = true;
                d.Bag.Add(PlanDetailUnknown.Descriptor, pair.Value[0].Span,
                    $"the pod runs on Cloud TPU ({TpuLabel}={ManifestBinder.Shorten(pair.Value[0].Value)}); DeployLint models GPUs, so memory, latency and topology checks are skipped");
                return 0;
            }

            var candidates = new List<(string Gpu, YScalar At, Catalog.InstanceType? Type)>();
            var unknownLabels = new List<string>();
            YScalar? firstUnknown = null;
            foreach (var pair in pod.NodeLabels)
            {
                string key = pair.Key.Value;
                bool instanceLabel = InstanceTypeLabels.Contains(key);
                bool gpuLabel = GpuLabels.Contains(key) || ctx.Catalog.NamesGpuByLabel(key);
                if (!instanceLabel && !gpuLabel) continue;
                foreach (var value in pair.Value)
                {
                    var type = instanceLabel ? ctx.Catalog.FindInstanceType(value.Value) : null;
                    string? id = instanceLabel ? type?.Gpu : ctx.Catalog.GpuForNodeLabel(key, value.Value);
                    if (id != null) candidates.Add((id, value, type));
                    else
                    {
                        unknownLabels.Add($"{key}={value.Value}");
                        firstUnknown ??= value;
                    }
                }
            }
            var distinct = candidates.Select(c => c.Gpu).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (distinct.Count == 1)
            {
                var chosen = candidates[0];
                m.Hardware.Gpu = new Located<string>(chosen.Gpu, chosen.At.Span);
                var type = candidates.Select(c => c.Type).FirstOrDefault(t => t != null);
                if (type != null)
                {
                    if (m.Hardware.InterNode == null && type.InterNode != null) m.Hardware.InterNode = new Located<string>(type.InterNode, chosen.At.Span);
                    return type.Gpus;
                }
                return 0;
            }
            var defaults = ctx.Defaults;
            // No GPU named, and no GPU label the catalog cannot read (an unknown instance type or node pool is no GPU name).
            if (distinct.Count == 0 && defaults?.Gpu != null && unknownLabels.All(l => !IsGpuProductLabel(l)))
            {
                // The file names no GPU; the repository's defaults do (deploylint.yaml or --gpu), and the note says so.
                var at = m.Hardware.KeySpan ?? m.Name?.Span ?? m.DocumentSpan;
                m.Hardware.Gpu = new Located<string>(defaults.Gpu, at);
                d.Bag.Add(PlanDetailUnknown.Descriptor, at, $"{m.Origin} does not name its GPU; it is checked on {ManifestBinder.Shorten(defaults.Gpu)}, the default of {defaults.Origin}");
                return 0;
            }
            var anchor = candidates.Count > 0 ? candidates[0].At.Span : firstUnknown?.Span ?? m.Hardware.KeySpan ?? m.Name?.Span ?? m.DocumentSpan;
            m.Hardware.GpuUnknownExplained = distinct.Count > 1 || unknownLabels.Count > 0;
            if (distinct.Count > 1)
            {
                d.Bag.Add(PlanDetailUnknown.Descriptor, anchor,
                    $"the pod may land on {string.Join(" or ", distinct)}; memory, latency and topology checks are skipped (annotate {GpuAnnotation} with the GPU to check against)");
            }
            else if (unknownLabels.Count > 0)
            {
                d.Bag.Add(PlanDetailUnknown.Descriptor, anchor,
                    $"node label {ManifestBinder.Shorten(unknownLabels[0])} names no GPU in DeployLint's catalog; memory, latency and topology checks are skipped (annotate {GpuAnnotation}, or add the GPU with a user catalog)");
            }
            return 0;
        }
    
        private static bool IsGpuProductLabel(string keyValue) => GpuLabels.Any(k => keyValue.StartsWith(k + "=", StringComparison.Ordinal));

        /// <summary>
        /// deploylint.io/suppress: "DPL3002: the benchmark measures TP across nodes on purpose; DPL5001: ..." - the
        /// annotation form of a manifest's suppress list, one "ID: reason" per entry, separated by ';' or line breaks.
        /// </summary>
        /// <summary>
        /// deploylint.io/slo: "inputTokens=2048, outputTokens=256, ttftMs=500, tpotMs=50" - the manifest's slo section for a
        /// file that has none, so the load and latency checks (DPL1004, DPL2001, DPL2002) can run on it.
        /// </summary>
        private static void AddSlo(DeploymentManifest m, YScalar annotation, DiagnosticBag bag, ReadContext ctx)
        {
            int cursor = 0;
            foreach (var raw in annotation.Value.Split(new[] { ',', ';', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string entry = raw.Trim();
                if (entry.Length == 0) continue;
                int eq = entry.IndexOf('=');
                if (eq < 0) eq = entry.IndexOf(':');
                string key = (eq > 0 ? entry.Substring(0, eq) : entry).Trim();
                string text = eq > 0 ? entry.Substring(eq + 1).Trim() : "";
                var span = ctx.Source.Find(annotation.Span, key, ref cursor) ?? annotation.Span;
                bool number = double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) && value > 0 && value < 1e9;
                switch (key.ToLowerInvariant())
                {
                    case "inputtokens" when number && value == Math.Floor(value): m.Slo.InputTokens = new Located<long>((long)value, span); break;
                    case "outputtokens" when number && value == Math.Floor(value): m.Slo.OutputTokens = new Located<long>((long)value, span); break;
                    case "ttftms" when number: m.Slo.TtftMs = new Located<double>(value, span); break;
                    case "tpotms" when number: m.Slo.TpotMs = new Located<double>(value, span); break;
                    case "maxcommshare" when number && value <= 1: m.Slo.MaxCommShare = new Located<double>(value, span); break;
                    default:
                        bag.Add(InvalidValue.Descriptor, span,
                            $"{SloAnnotation} entry '{ManifestBinder.Shorten(entry)}': expected inputTokens, outputTokens, ttftMs, tpotMs or maxCommShare = a positive number (whole for token counts, at most 1 for maxCommShare)");
                        break;
                }
            }
            m.Slo.KeySpan ??= annotation.Span;
        }

        private static void AddSuppressions(DeploymentManifest m, YScalar annotation, ReadContext ctx)
        {
            int cursor = 0;
            foreach (var raw in annotation.Value.Split(new[] { ';', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string entry = raw.Trim();
                if (entry.Length == 0) continue;
                int colon = entry.IndexOf(':');
                string id = (colon >= 0 ? entry.Substring(0, colon) : entry).Trim();
                string reason = colon >= 0 ? entry.Substring(colon + 1).Trim() : "";
                var span = ctx.Source.Find(annotation.Span, id, ref cursor) ?? annotation.Span;
                m.Suppressions.Add(new SuppressionEntry(new Located<string>(id, span), reason.Length > 0 ? new Located<string>(reason, span) : null, span));
            }
        }
    }
}
