using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// Helm values files of the charts that deploy engines: vLLM production-stack (servingEngineSpec.modelSpec[], each
    /// rendered as `vllm serve modelURL` with vllmConfig's flags) and llm-d modelservice (decode / prefill blocks with
    /// parallelism and containers).
    /// </summary>
    public static class HelmValuesReader
    {
        public static bool Recognizes(YMapping root) =>
            YamlAccess.Node(root, "servingEngineSpec", "modelSpec") is YSequence
            || (YamlAccess.Map(root, "decode") != null || YamlAccess.Map(root, "prefill") != null) && (YamlAccess.Map(root, "modelArtifacts") != null || YamlAccess.Node(root, "decode", "containers") is YSequence);

        public static void Read(YMapping root, ReadContext ctx)
        {
            if (YamlAccess.Node(root, "servingEngineSpec", "modelSpec") is YSequence) ReadProductionStack(root, ctx);
            else ReadModelService(root, ctx);
        }

        private static void ReadProductionStack(YMapping root, ReadContext ctx)
        {
            var engineSpec = YamlAccess.Map(root, "servingEngineSpec");
            foreach (var spec in YamlAccess.Maps(engineSpec, "modelSpec"))
            {
                var name = YamlAccess.Scalar(spec, "name");
                var d = ctx.Start($"production-stack modelSpec '{name?.Value ?? "?"}'", name);
                var m = d.Manifest;
                var config = YamlAccess.Map(spec, "vllmConfig");
                var modelUrl = YamlAccess.Scalar(spec, "modelURL");
                m.Model.Id = YamlAccess.Text(modelUrl);
                m.Serving.Engine = new Located<string>("vllm", (name ?? modelUrl)?.Span ?? m.DocumentSpan);
                var version = YamlAccess.Scalar(spec, "tag");
                var repository = YamlAccess.Str(spec, "repository") ?? "";
                if (version != null) m.Serving.EngineVersion = EngineContainer.ImageVersion("vllm", repository + ":" + version.Value, version.Span);
                var words = YamlAccess.Scalars(YamlAccess.Node(config, "extraArgs")).Select(s => new CommandWord(s.Value, s.Span)).ToList();
                if (words.Count > 0 && EngineInvocation.Find(words, "vllm") is EngineInvocation invocation) EngineArguments.Apply(invocation, m, d.Bag);
                m.Parallelism.Tensor ??= YamlAccess.Count(YamlAccess.Scalar(config, "tensorParallelSize"));
                m.Parallelism.Pipeline ??= YamlAccess.Count(YamlAccess.Scalar(config, "pipelineParallelSize"));
                if (m.Parallelism.Tensor != null) m.Parallelism.KeySpan ??= m.Parallelism.Tensor.Span;
                m.Serving.MaxModelLen ??= YamlAccess.Count(YamlAccess.Scalar(config, "maxModelLen"));
                m.Serving.MaxConcurrentSequences ??= YamlAccess.Count(YamlAccess.Scalar(config, "maxNumSeqs"));
                m.Serving.GpuMemoryUtilization ??= YamlAccess.Fraction(YamlAccess.Scalar(config, "gpuMemoryUtilization"));
                var dtype = YamlAccess.Scalar(config, "dtype");
                if (EngineArguments.DtypeFormat(dtype?.Value) is string format) m.Model.Dtype = new Located<string>(format, dtype!.Span);
                var gpus = YamlAccess.Count(YamlAccess.Scalar(spec, "requestGPU"));
                m.Hardware.GpusPerNode = gpus;
                m.Hardware.KeySpan = gpus?.Span ?? name?.Span;
                var pod = new PodScheduling();
                pod.AddAnnotations(YamlAccess.Map(spec, "annotations"));
                pod.AddSelectorTerms(YamlAccess.Node(spec, "nodeSelectorTerms"));
                pod.AddNodeSelector(YamlAccess.Map(engineSpec, "nodeSelector"));
                ClusterHardware.Apply(d, pod, ctx);
                // With raySpec the chart starts a Ray cluster (head + workers, requestGPU each) for vLLM to spread over.
                if (YamlAccess.Map(spec, "raySpec") is YMapping raySpec)
                {
                    KubernetesReader.SpreadOverRayCluster(d, YamlAccess.Scalar(raySpec, "headNode", "requestGPU")?.Span ?? m.Hardware.KeySpan ?? m.DocumentSpan);
                }
            }
        }

        private static void ReadModelService(YMapping root, ReadContext ctx)
        {
            var artifacts = YamlAccess.Map(root, "modelArtifacts");
            var uri = YamlAccess.Scalar(artifacts, "uri");
            var modelName = YamlAccess.Scalar(artifacts, "name");
            foreach (var role in new[] { "prefill", "decode" })
            {
                var block = YamlAccess.Map(root, role);
                if (block == null || YamlAccess.Str(block, "create") == "false") continue;
                foreach (var containerNode in YamlAccess.Maps(block, "containers"))
                {
                    string command = YamlAccess.Str(containerNode, "modelCommand") ?? "";
                    var container = EngineContainer.Read(containerNode, ctx, null, command == "custom" ? null : "vllm");
                    if (container == null) continue;
                    var d = ctx.Start($"llm-d modelservice {role}", YamlAccess.Scalar(containerNode, "name"));
                    var m = d.Manifest;
                    m.Name = new Located<string>(role, root.KeyOf(role)!.Span);
                    if (uri != null && uri.Value.StartsWith("hf://", StringComparison.OrdinalIgnoreCase)) m.Model.Id = new Located<string>(uri.Value.Substring(5).Trim('/'), uri.Span);
                    else if (modelName != null) m.Model.Id = YamlAccess.Text(modelName);
                    var parallelism = YamlAccess.Map(block, "parallelism");
                    m.Parallelism.Tensor = YamlAccess.Count(YamlAccess.Scalar(parallelism, "tensor"));
                    m.Parallelism.Data = YamlAccess.Count(YamlAccess.Scalar(parallelism, "data"));
                    if (m.Parallelism.Tensor != null) m.Parallelism.KeySpan = m.Parallelism.Tensor.Span;
                    var pod = new PodScheduling();
                    pod.AddAnnotations(YamlAccess.Map(block, "annotations"));
                    var accelerators = YamlAccess.Map(block, "acceleratorTypes");
                    var labelKey = YamlAccess.Scalar(accelerators, "labelKey");
                    var values = YamlAccess.Scalars(YamlAccess.Node(accelerators, "labelValues"));
                    if (labelKey != null && values.Count > 0) pod.NodeLabels.Add(new KeyValuePair<YScalar, List<YScalar>>(labelKey, values));
                    pod.AddNodeSelector(YamlAccess.Map(block, "nodeSelector"));
                    var workers = YamlAccess.Count(YamlAccess.Scalar(parallelism, "workers"));
                    KubernetesReader.Fill(d, container, pod, ctx, workers);
                }
            }
        }
    }
}
