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
            Y.Node(root, "servingEngineSpec", "modelSpec") is YSequence
            || (Y.Map(root, "decode") != null || Y.Map(root, "prefill") != null) && (Y.Map(root, "modelArtifacts") != null || Y.Node(root, "decode", "containers") is YSequence);

        public static void Read(YMapping root, ReadContext ctx)
        {
            if (Y.Node(root, "servingEngineSpec", "modelSpec") is YSequence) ReadProductionStack(root, ctx);
            else ReadModelService(root, ctx);
        }

        private static void ReadProductionStack(YMapping root, ReadContext ctx)
        {
            var engineSpec = Y.Map(root, "servingEngineSpec");
            foreach (var spec in Y.Maps(engineSpec, "modelSpec"))
            {
                var name = Y.Scalar(spec, "name");
                var d = ctx.Start($"production-stack modelSpec '{name?.Value ?? "?"}'", name);
                var m = d.Manifest;
                var config = Y.Map(spec, "vllmConfig");
                var modelUrl = Y.Scalar(spec, "modelURL");
                m.Model.Id = Y.Text(modelUrl);
                m.Serving.Engine = new Located<string>("vllm", (name ?? modelUrl)?.Span ?? m.DocumentSpan);
                var version = Y.Scalar(spec, "tag");
                var repository = Y.Str(spec, "repository") ?? "";
                if (version != null) m.Serving.EngineVersion = EngineContainer.ImageVersion("vllm", repository + ":" + version.Value, version.Span);
                var words = Y.Scalars(Y.Node(config, "extraArgs")).Select(s => new CommandWord(s.Value, s.Span)).ToList();
                if (words.Count > 0 && EngineInvocation.Find(words, "vllm") is EngineInvocation invocation) EngineArguments.Apply(invocation, m, d.Bag);
                m.Parallelism.Tensor ??= Y.Count(Y.Scalar(config, "tensorParallelSize"));
                m.Parallelism.Pipeline ??= Y.Count(Y.Scalar(config, "pipelineParallelSize"));
                if (m.Parallelism.Tensor != null) m.Parallelism.KeySpan ??= m.Parallelism.Tensor.Span;
                m.Serving.MaxModelLen ??= Y.Count(Y.Scalar(config, "maxModelLen"));
                m.Serving.MaxConcurrentSequences ??= Y.Count(Y.Scalar(config, "maxNumSeqs"));
                m.Serving.GpuMemoryUtilization ??= Y.Fraction(Y.Scalar(config, "gpuMemoryUtilization"));
                var dtype = Y.Scalar(config, "dtype");
                if (EngineArguments.DtypeFormat(dtype?.Value) is string format) m.Model.Dtype = new Located<string>(format, dtype!.Span);
                var gpus = Y.Count(Y.Scalar(spec, "requestGPU"));
                m.Hardware.GpusPerNode = gpus;
                m.Hardware.KeySpan = gpus?.Span ?? name?.Span;
                var pod = new PodScheduling();
                pod.AddAnnotations(Y.Map(spec, "annotations"));
                pod.AddSelectorTerms(Y.Node(spec, "nodeSelectorTerms"));
                pod.AddNodeSelector(Y.Map(engineSpec, "nodeSelector"));
                ClusterHardware.Apply(d, pod, ctx);
                SpreadOverRayNodes(d, Y.Map(spec, "raySpec"));
            }
        }

        /// <summary>
        /// With raySpec the chart starts a Ray cluster (head + workers, requestGPU each) and vLLM takes its TP x PP GPUs
        /// from all of them, so the world is spread over nodes of the modelSpec's shape.
        /// </summary>
        private static void SpreadOverRayNodes(ForeignDeployment d, YMapping? raySpec)
        {
            var m = d.Manifest;
            if (raySpec == null || m.Hardware.GpusPerNode == null) return;
            long perNode = m.Hardware.GpusPerNode.Value;
            long world = (m.Parallelism.Tensor?.Value ?? 1) * (m.Parallelism.Pipeline?.Value ?? 1);
            if (world <= perNode || world % perNode != 0) return;
            var at = Y.Scalar(raySpec, "headNode", "requestGPU")?.Span ?? m.Hardware.GpusPerNode.Span;
            m.Hardware.Nodes = new Located<long>(world / perNode, at);
            d.Bag.Add(Rules.Manifest.PlanDetailUnknown.Descriptor, at,
                $"raySpec: vLLM's {world} GPUs (TP x PP) come from a Ray cluster of {world / perNode} nodes of {perNode} GPU(s); DeployLint checks that shape");
        }

        private static void ReadModelService(YMapping root, ReadContext ctx)
        {
            var artifacts = Y.Map(root, "modelArtifacts");
            var uri = Y.Scalar(artifacts, "uri");
            var modelName = Y.Scalar(artifacts, "name");
            foreach (var role in new[] { "prefill", "decode" })
            {
                var block = Y.Map(root, role);
                if (block == null || Y.Str(block, "create") == "false") continue;
                foreach (var containerNode in Y.Maps(block, "containers"))
                {
                    string command = Y.Str(containerNode, "modelCommand") ?? "";
                    var container = EngineContainer.Read(containerNode, ctx, null, command == "custom" ? null : "vllm");
                    if (container == null) continue;
                    var d = ctx.Start($"llm-d modelservice {role}", Y.Scalar(containerNode, "name"));
                    var m = d.Manifest;
                    m.Name = new Located<string>(role, root.KeyOf(role)!.Span);
                    if (uri != null && uri.Value.StartsWith("hf://", StringComparison.OrdinalIgnoreCase)) m.Model.Id = new Located<string>(uri.Value.Substring(5).Trim('/'), uri.Span);
                    else if (modelName != null) m.Model.Id = Y.Text(modelName);
                    var parallelism = Y.Map(block, "parallelism");
                    m.Parallelism.Tensor = Y.Count(Y.Scalar(parallelism, "tensor"));
                    m.Parallelism.Data = Y.Count(Y.Scalar(parallelism, "data"));
                    if (m.Parallelism.Tensor != null) m.Parallelism.KeySpan = m.Parallelism.Tensor.Span;
                    var pod = new PodScheduling();
                    pod.AddAnnotations(Y.Map(block, "annotations"));
                    var accelerators = Y.Map(block, "acceleratorTypes");
                    var labelKey = Y.Scalar(accelerators, "labelKey");
                    var values = Y.Scalars(Y.Node(accelerators, "labelValues"));
                    if (labelKey != null && values.Count > 0) pod.NodeLabels.Add(new KeyValuePair<YScalar, List<YScalar>>(labelKey, values));
                    pod.AddNodeSelector(Y.Map(block, "nodeSelector"));
                    var workers = Y.Count(Y.Scalar(parallelism, "workers"));
                    KubernetesReader.Fill(d, container, pod, ctx, workers);
                }
            }
        }
    }
}
