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
            var name = Y.Scalar(root, "name") ?? Y.Scalar(root, "metadata", "name");
            var d = ctx.Start($"{Kind} '{name?.Value ?? "plan"}'", name);
            var m = d.Manifest;
            m.Name ??= new Located<string>(name?.Value ?? ctx.Document.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), root.KeyOf("kind")!.Span);

            var model = root.Get("model");
            if (model is YScalar modelId) m.Model.Id = Y.Text(modelId);
            else if (model is YMapping modelMap)
            {
                m.Model.Id = Y.Text(Y.Scalar(modelMap, "id") ?? Y.Scalar(modelMap, "name"));
                m.Model.Config = Y.Text(Y.Scalar(modelMap, "config"));
            }
            m.Model.KeySpan = root.KeyOf("model")?.Span;

            var engine = Y.Scalar(root, "engine") ?? Y.Scalar(root, "serving", "engine");
            if (engine != null) m.Serving.Engine = new Located<string>(engine.Value.Trim().ToLowerInvariant(), engine.Span);
            var version = Y.Scalar(root, "engineVersion");
            if (version != null)
            {
                var match = Regex.Match(version.Value, @"\d+\.\d+(?:\.\d+)?");
                if (match.Success) m.Serving.EngineVersion = new Located<string>(match.Value, version.Span);
            }

            var hardware = Y.Map(root, "hardware");
            m.Hardware.KeySpan = root.KeyOf("hardware")?.Span;
            var gpu = Y.Scalar(hardware, "gpu");
            if (gpu != null) m.Hardware.Gpu = Y.Text(gpu);
            var nodes = Y.Count(Y.Scalar(hardware, "nodes"));
            if (nodes != null && nodes.Value > 1) m.Hardware.Nodes = nodes;
            var perNode = Y.Count(Y.Scalar(hardware, "gpusPerNode"));
            var total = Y.Count(Y.Scalar(hardware, "gpus"));
            if (perNode != null) m.Hardware.GpusPerNode = perNode;
            else if (total != null && total.Value % (nodes?.Value ?? 1) == 0) m.Hardware.GpusPerNode = new Located<long>(total.Value / (nodes?.Value ?? 1), total.Span);
            m.Hardware.IntraNode = LinkOf(Y.Scalar(hardware, "intraNode") ?? Y.Scalar(hardware, "interconnect"));
            m.Hardware.InterNode = Y.Text(Y.Scalar(hardware, "interNode"));

            var parallelism = Y.Map(root, "parallelism");
            m.Parallelism.KeySpan = root.KeyOf("parallelism")?.Span;
            m.Parallelism.Tensor = Y.Count(Y.Scalar(parallelism, "tp") ?? Y.Scalar(parallelism, "tensor"));
            m.Parallelism.Pipeline = Y.Count(Y.Scalar(parallelism, "pp") ?? Y.Scalar(parallelism, "pipeline"));
            m.Parallelism.Data = Y.Count(Y.Scalar(parallelism, "dp") ?? Y.Scalar(parallelism, "data"));
            m.Parallelism.Expert = Y.Count(Y.Scalar(parallelism, "ep") ?? Y.Scalar(parallelism, "expert"));
            var enableEp = Y.Scalar(parallelism, "enableExpertParallel");
            if (m.Parallelism.Expert == null && Y.IsTrue(enableEp))
            {
                m.Parallelism.Expert = new Located<long>((m.Parallelism.Tensor?.Value ?? 1) * (m.Parallelism.Data?.Value ?? 1), enableEp!.Span);
            }

            var dtype = Y.Scalar(root, "dtype");
            string? format = EngineArguments.DtypeFormat(dtype?.Value);
            if (format != null) m.Model.Dtype = new Located<string>(format, dtype!.Span);
            var kv = Y.Scalar(root, "kvCacheDtype") ?? Y.Scalar(root, "kvCache");
            if (EngineArguments.KvFormat(kv?.Value) is string kvFormat) m.Model.KvCache = new Located<string>(kvFormat, kv!.Span);
            var quantization = Y.Scalar(root, "quantization") ?? Y.Scalar(root, "weights");
            if ((EngineArguments.WeightFormat(quantization?.Value) ?? (quantization != null && Estimation.Formats.WeightFormats.Contains(quantization.Value) ? quantization.Value : null)) is string weights)
            {
                m.Model.Weights = new Located<string>(weights, quantization!.Span);
            }

            m.Serving.GpuMemoryUtilization = Y.Fraction(Y.Scalar(root, "gpuMemoryUtilization") ?? Y.Scalar(root, "memFractionStatic") ?? Y.Scalar(root, "freeGpuMemoryFraction"));
            m.Serving.MaxModelLen = Y.Count(Y.Scalar(root, "maxModelLen") ?? Y.Scalar(root, "contextLength"));
            m.Serving.MaxConcurrentSequences = Y.Count(Y.Scalar(root, "maxNumSeqs") ?? Y.Scalar(root, "maxRunningRequests"));
            m.Serving.MaxBatchedTokens = Y.Count(Y.Scalar(root, "maxNumBatchedTokens"));
            m.Serving.BlockSize = Y.Count(Y.Scalar(root, "blockSize"));
        }

        /// <summary>"PCIe" or "NVLink" as sketches write them: a catalog link id, or null to use the GPU's own in-node link.</summary>
        private static Located<string>? LinkOf(YScalar? scalar)
        {
            if (scalar == null) return null;
            string v = scalar.Value.Trim().ToLowerInvariant();
            if (v.StartsWith("pcie-gen", StringComparison.Ordinal) || v.StartsWith("nvlink", StringComparison.Ordinal) && v.Length > "nvlink".Length) return Y.Text(scalar);
            return null;
        }
    }
}
