using System;
using System.Linq;
using System.Text.RegularExpressions;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// The flat plan sketches incident reports and capacity spreadsheets use (<c>kind: DeploymentPlan</c>, no apiVersion):
    /// engine, model, hardware {gpu, gpus, nodes}, parallelism {tp, pp, dp, ep}, dtype, gpuMemoryUtilization, maxModelLen.
    /// Keys it does not know are ignored.
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

            var engine = YamlAccess.Scalar(root, "engine") ?? YamlAccess.Scalar(root, "serving", "engine");
            if (engine != null) m.Serving.Engine = new Located<string>(engine.Value.Trim().ToLowerInvariant(), engine.Span);
            var version = YamlAccess.Scalar(root, "engineVersion");
            if (version != null)
            {
                var match = Regex.Match(version.Value, @"\d+\.\d+(?:\.\d+)?");
                if (match.Success) m.Serving.EngineVersion = new Located<string>(match.Value, version.Span);
            }

            var hardware = YamlAccess.Map(root, "hardware");
            m.Hardware.KeySpan = root.KeyOf("hardware")?.Span;
            var gpu = YamlAccess.Scalar(hardware, "gpu");
            if (gpu != null) m.Hardware.Gpu = YamlAccess.Text(gpu);
            var nodes = YamlAccess.Count(YamlAccess.Scalar(hardware, "nodes"));
            if (nodes != null && nodes.Value > 1) m.Hardware.Nodes = nodes;
            var perNode = YamlAccess.Count(YamlAccess.Scalar(hardware, "gpusPerNode"));
            var total = YamlAccess.Count(YamlAccess.Scalar(hardware, "gpus"));
            if (perNode != null) m.Hardware.GpusPerNode = perNode;
            else if (total != null && total.Value % (nodes?.Value ?? 1) == 0) m.Hardware.GpusPerNode = new Located<long>(total.Value / (nodes?.Value ?? 1), total.Span);
            m.Hardware.IntraNode = LinkOf(YamlAccess.Scalar(hardware, "intraNode") ?? YamlAccess.Scalar(hardware, "interconnect"));
            m.Hardware.InterNode = YamlAccess.Text(YamlAccess.Scalar(hardware, "interNode"));

            var parallelism = YamlAccess.Map(root, "parallelism");
            m.Parallelism.KeySpan = root.KeyOf("parallelism")?.Span;
            m.Parallelism.Tensor = YamlAccess.Count(YamlAccess.Scalar(parallelism, "tp") ?? YamlAccess.Scalar(parallelism, "tensor"));
            m.Parallelism.Pipeline = YamlAccess.Count(YamlAccess.Scalar(parallelism, "pp") ?? YamlAccess.Scalar(parallelism, "pipeline"));
            m.Parallelism.Data = YamlAccess.Count(YamlAccess.Scalar(parallelism, "dp") ?? YamlAccess.Scalar(parallelism, "data"));
            m.Parallelism.Expert = YamlAccess.Count(YamlAccess.Scalar(parallelism, "ep") ?? YamlAccess.Scalar(parallelism, "expert"));
            var enableEp = YamlAccess.Scalar(parallelism, "enableExpertParallel");
            if (YamlAccess.IsTrue(enableEp)) m.Parallelism.ExpertParallelEnabled = new Located<bool>(true, enableEp!.Span);

            var dtype = YamlAccess.Scalar(root, "dtype");
            string? format = EngineArguments.DtypeFormat(dtype?.Value);
            if (format != null) m.Model.Dtype = new Located<string>(format, dtype!.Span);
            var kv = YamlAccess.Scalar(root, "kvCacheDtype") ?? YamlAccess.Scalar(root, "kvCache");
            if (EngineArguments.KvFormat(kv?.Value) is string kvFormat) m.Model.KvCache = new Located<string>(kvFormat, kv!.Span);
            var quantization = YamlAccess.Scalar(root, "quantization") ?? YamlAccess.Scalar(root, "weights");
            if ((EngineArguments.WeightFormat(quantization?.Value) ?? (quantization != null && Estimation.Formats.WeightFormats.Contains(quantization.Value) ? quantization.Value : null)) is string weights)
            {
                m.Model.Weights = new Located<string>(weights, quantization!.Span);
            }

            m.Serving.GpuMemoryUtilization = YamlAccess.Fraction(YamlAccess.Scalar(root, "gpuMemoryUtilization") ?? YamlAccess.Scalar(root, "memFractionStatic") ?? YamlAccess.Scalar(root, "freeGpuMemoryFraction"));
            m.Serving.MaxModelLen = YamlAccess.Count(YamlAccess.Scalar(root, "maxModelLen") ?? YamlAccess.Scalar(root, "contextLength"));
            m.Serving.MaxConcurrentSequences = YamlAccess.Count(YamlAccess.Scalar(root, "maxNumSeqs") ?? YamlAccess.Scalar(root, "maxRunningRequests"));
            m.Serving.MaxBatchedTokens = YamlAccess.Count(YamlAccess.Scalar(root, "maxNumBatchedTokens"));
            m.Serving.BlockSize = YamlAccess.Count(YamlAccess.Scalar(root, "blockSize"));
        }

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
