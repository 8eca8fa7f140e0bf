using System;
using System.Linq;
using System.Text.RegularExpressions;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// The flat plan sketches incident reports and capacity spreadsheets use (<c>kind: DeploymentPlan</c>, no apiVersion):
    /// engine, model, hardware {gpu, gpus, nodes}, parallelism {tp, pp, dp, ep}, dtype, gpuMemoryUtilization, maxModelLen,
    /// written in camelCase, snake_case or as the engine's flag names. Keys it does not know are ignored.
    /// </summary>
    public static class PlanSketchReader
    {
        public const string Kind = "DeploymentPlan";

        public static void Read(YMapping root, ReadContext ctx)
        {
            var name = YamlAccess.Scalar(root, "name") ?? YamlAccess.Scalar(root, "metadata", "name");
            var d = ctx.Start($"{Kind} '{name?.Value ?? "plan"}'", name);
            var m = d.Manifest;
            m.Name ??= new Located<string>(name?.Value ?? ctx.Document.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), root.KeyOf("kind")!.Span);

            var model = root.Get("model");
            if (model is YScalar modelId) m.Model.Id = YamlAccess.Text(modelId);
            else if (model is YMapping modelMap)
            {
                m.Model.Id = YamlAccess.Text(YamlAccess.Scalar(modelMap, "id") ?? YamlAccess.Scalar(modelMap, "name"));
                m.Model.Config = YamlAccess.Text(YamlAccess.Scalar(modelMap, "config"));
            }
            m.Model.KeySpan = root.KeyOf("model")?.Span;

            var engine = Scalar(root, "engine") ?? YamlAccess.Scalar(root, "serving", "engine");
            if (engine != null) m.Serving.Engine = new Located<string>(engine.Value.Trim().ToLowerInvariant(), engine.Span);
            var version = Scalar(root, "engineVersion");
            if (version != null)
            {
                var match = Regex.Match(version.Value, @"\d+\.\d+(?:\.\d+)?");
                if (match.Success) m.Serving.EngineVersion = new Located<string>(match.Value, version.Span);
            }

            var hardware = Find(root, "hardware") as YMapping;
            m.Hardware.KeySpan = root.KeyOf("hardware")?.Span;
            var gpu = Scalar(hardware, "gpu", "gpuType", "accelerator");
            if (gpu != null) m.Hardware.Gpu = YamlAccess.Text(gpu);
            var nodes = YamlAccess.Count(Scalar(hardware, "nodes", "numNodes"));
            if (nodes != null && nodes.Value > 1) m.Hardware.Nodes = nodes;
            var perNode = YamlAccess.Count(Scalar(hardware, "gpusPerNode"));
            var total = YamlAccess.Count(Scalar(hardware, "gpus", "numGpus", "gpuCount"));
            if (perNode != null) m.Hardware.GpusPerNode = perNode;
            else if (total != null && total.Value % (nodes?.Value ?? 1) == 0) m.Hardware.GpusPerNode = new Located<long>(total.Value / (nodes?.Value ?? 1), total.Span);
            m.Hardware.IntraNode = LinkOf(Scalar(hardware, "intraNode", "interconnect"));
            m.Hardware.InterNode = YamlAccess.Text(Scalar(hardware, "interNode"));

            // Sketches write settings the way their author knows them: tp or tensorParallelSize, max_model_len or
            // maxModelLen, under parallelism: or at the top.
            var parallelism = Find(root, "parallelism") as YMapping;
            m.Parallelism.KeySpan = root.KeyOf("parallelism")?.Span;
            m.Parallelism.Tensor = YamlAccess.Count(Setting(parallelism, root, "tp", "tensor", "tensorParallelSize", "tpSize"));
            m.Parallelism.Pipeline = YamlAccess.Count(Setting(parallelism, root, "pp", "pipeline", "pipelineParallelSize", "ppSize"));
            m.Parallelism.Data = YamlAccess.Count(Setting(parallelism, root, "dp", "data", "dataParallelSize", "dpSize"));
            m.Parallelism.Expert = YamlAccess.Count(Setting(parallelism, root, "ep", "expert", "expertParallelSize", "epSize"));
            var enableEp = Setting(parallelism, root, "enableExpertParallel");
            if (YamlAccess.IsTrue(enableEp)) m.Parallelism.ExpertParallelEnabled = new Located<bool>(true, enableEp!.Span);

            var serving = Find(root, "serving") as YMapping;
            var dtype = Setting(serving, root, "dtype");
            string? format = EngineArguments.DtypeFormat(dtype?.Value);
            if (format != null) m.Model.Dtype = new Located<string>(format, dtype!.Span);
            var kv = Setting(serving, root, "kvCacheDtype", "kvCache");
            if (EngineArguments.KvFormat(kv?.Value) is string kvFormat) m.Model.KvCache = new Located<string>(kvFormat, kv!.Span);
            var quantization = Setting(serving, root, "quantization", "weights") ?? Scalar(Find(root, "quantizationConfig"), "quantMethod");
            if ((EngineArguments.WeightFormat(quantization?.Value) ?? (quantization != null && Estimation.Formats.WeightFormats.Contains(quantization.Value) ? quantization.Value : null)) is string weights)
            {
                m.Model.Weights = new Located<string>(weights, quantization!.Span);
            }

            m.Serving.GpuMemoryUtilization = YamlAccess.Fraction(Setting(serving, root, "gpuMemoryUtilization", "memFractionStatic", "freeGpuMemoryFraction"));
            m.Serving.MaxModelLen = YamlAccess.Count(Setting(serving, root, "maxModelLen", "contextLength", "maxSeqLen"));
            m.Serving.MaxConcurrentSequences = YamlAccess.Count(Setting(serving, root, "maxNumSeqs", "maxRunningRequests", "maxConcurrentSequences"));
            m.Serving.MaxBatchedTokens = YamlAccess.Count(Setting(serving, root, "maxNumBatchedTokens", "chunkedPrefillSize", "maxBatchedTokens"));
            m.Serving.BlockSize = YamlAccess.Count(Setting(serving, root, "blockSize", "pageSize"));
            var eager = Setting(serving, root, "enforceEager");
            if (YamlAccess.IsTrue(eager)) m.Serving.EnforceEager = new Located<bool>(true, eager!.Span);
            var offload = Setting(serving, root, "cpuOffloadGb");
            if (offload != null && double.TryParse(offload.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double gib) && gib > 0 && gib < 1e6)
            {
                m.Serving.CpuOffloadGiB = new Located<double>(gib, offload.Span);
            }
        }

        /// <summary>The first of the keys present (compared without case, '_' or '-'), in the section or else at the top.</summary>
        private static YScalar? Setting(YMapping? section, YMapping root, params string[] names) => Scalar(section, names) ?? Scalar(root, names);

        private static YScalar? Scalar(YNode? map, params string[] names) => Find(map, names) is YScalar s && !s.IsNull ? s : null;

        private static YNode? Find(YNode? node, params string[] names)
        {
            if (!(node is YMapping map)) return null;
            foreach (var name in names)
            {
                string wanted = Normal(name);
                foreach (var entry in map.Entries)
                {
                    if (Normal(entry.Key.Value) == wanted) return entry.Value;
                }
            }
            return null;
        }

        private static string Normal(string key) => key.Replace("_", "").Replace("-", "").ToLowerInvariant();

        /// <summary>"PCIe" or "NVLink" as sketches write them: a catalog link id, or null to use the GPU's own in-node link.</summary>
        private static Located<string>? LinkOf(YScalar? scalar)
        {
            if (scalar == null) return null;
            string v = scalar.Value.Trim().ToLowerInvariant();
            if (v.StartsWith("pcie-gen", StringComparison.Ordinal) || v.StartsWith("nvlink", StringComparison.Ordinal) && v.Length > "nvlink".Length) return YamlAccess.Text(scalar);
            return null;
        }
    }
}
