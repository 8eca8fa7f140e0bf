using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// Kubernetes objects that run an engine: Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Pod,
    /// LeaderWorkerSet (group size = nodes), KServe InferenceService / ServingRuntime and NVIDIA Dynamo
    /// DynamoGraphDeployment (each worker service a deployment of its own), and Ray clusters (KubeRay RayCluster, RayService,
    /// RayJob; AIBrix RayClusterFleet) whose head launches the engine. Other kinds are skipped silently.
    /// </summary>
    public static class KubernetesReader
    {
        public static void Read(YMapping root, string kind, ReadContext ctx)
        {
            var metadata = YamlAccess.Map(root, "metadata");
            var name = YamlAccess.Scalar(metadata, "name");
            string title = name?.Value ?? kind;
            switch (kind)
            {
                case "Deployment":
                case "StatefulSet":
                case "ReplicaSet":
                case "DaemonSet":
                case "Job":
                    ReadPodTemplate(YamlAccess.Map(root, "spec", "template"), metadata, $"{kind} '{title}'", name, ctx, null, null);
                    break;
                case "CronJob":
                    ReadPodTemplate(YamlAccess.Map(root, "spec", "jobTemplate", "spec", "template"), metadata, $"{kind} '{title}'", name, ctx, null, null);
                    break;
                case "Pod":
                    ReadPodSpec(YamlAccess.Map(root, "spec"), metadata, null, $"Pod '{title}'", name, ctx, null, null);
                    break;
                case "LeaderWorkerSet":
                    ReadLeaderWorkerSet(root, metadata, title, name, ctx);
                    break;
                case "InferenceService":
                    ReadInferenceService(root, metadata, title, name, ctx);
                    break;
                case "ServingRuntime":
                case "ClusterServingRuntime":
                    ReadPodSpec(YamlAccess.Map(root, "spec"), metadata, null, $"{kind} '{title}'", name, ctx, null, null);
                    break;
                case "DynamoGraphDeployment":
                    DynamoReader.Read(root, metadata, title, ctx);
                    break;
                case "LLMInferenceService":
                    LlmInferenceServiceReader.Read(root, metadata, title, ctx);
                    break;
                case "RayCluster":
                    ReadRayCluster(YamlAccess.Map(root, "spec"), metadata, $"{kind} '{title}'", name, ctx);
                    break;
                case "RayService":
                    ReadRayCluster(YamlAccess.Map(root, "spec", "rayClusterConfig"), metadata, $"{kind} '{title}'", name, ctx);
                    break;
                case "RayJob":
                    ReadRayCluster(YamlAccess.Map(root, "spec", "rayClusterSpec"), metadata, $"{kind} '{title}'", name, ctx);
                    break;
                case "Model" when (YamlAccess.Str(root, "apiVersion") ?? "").StartsWith("kubeai.org/", StringComparison.Ordinal):
                    KubeAiReader.Read(root, metadata, title, name, ctx);
                    break;
                case "RayClusterFleet":
                    ReadRayCluster(YamlAccess.Map(root, "spec", "template", "spec"), metadata, $"{kind} '{title}'", name, ctx);
                    break;
            }
        }

        /// <summary>
        /// A Ray cluster (KubeRay RayCluster, RayService, RayJob; AIBrix RayClusterFleet) whose head launches the engine:
        /// vLLM with the Ray executor takes its GPUs from every pod of the cluster, so the plan's nodes are the cluster's GPU
        /// pods (the head when it has GPUs, and each worker group's replicas), and the GPU type comes from where the
        /// GPU pods are scheduled.
        /// </summary>
        private static void ReadRayCluster(YMapping? cluster, YMapping? owner, string origin, YScalar? name, ReadContext ctx)
        {
            var headTemplate = YamlAccess.Map(cluster, "headGroupSpec", "template");
            var groups = YamlAccess.Maps(cluster, "workerGroupSpecs").ToList();
            var scheduling = new PodScheduling { ClusterShapeKnown = true };
            var gpuPods = new List<(long Gpus, long Pods, SourceSpan At)>();
            foreach (var group in groups)
            {
                var spec = YamlAccess.Map(group, "template", "spec");
                var gpus = YamlAccess.Maps(spec, "containers").Select(c => EngineContainer.GpuLimit(YamlAccess.Map(c, "resources"))).FirstOrDefault(g => g != null);
                if (gpus == null || gpus.Value <= 0) continue;
                var replicas = YamlAccess.Count(YamlAccess.Scalar(group, "replicas")) ?? YamlAccess.Count(YamlAccess.Scalar(group, "minReplicas"));
                long pods = replicas?.Value ?? 1;
                if (pods <= 0) continue;
                gpuPods.Add((gpus.Value, pods, replicas?.Span ?? gpus.Span));
                scheduling.AddPod(spec, YamlAccess.Map(group, "template", "metadata"));
            }
            int before = ctx.Deployments.Count;
            ReadPodSpec(YamlAccess.Map(headTemplate, "spec"), owner, YamlAccess.Map(headTemplate, "metadata"), origin, name, ctx, null, null, null, scheduling);
            for (int i = before; i < ctx.Deployments.Count; i++)
            {
                var hw = ctx.Deployments[i].Manifest.Hardware;
                var shapes = new List<(long Gpus, long Pods, SourceSpan At)>(gpuPods);
                if (hw.GpusPerNode != null && hw.GpusPerNode.Value > 0) shapes.Add((hw.GpusPerNode.Value, 1, hw.GpusPerNode.Span));
                if (shapes.Count == 0 || shapes.Any(x => x.Gpus != shapes[0].Gpus)) continue; // no GPU pods, or pods of different sizes: the pod's own shape stays
                long nodes = shapes.Sum(x => x.Pods);
                hw.GpusPerNode = new Located<long>(shapes[0].Gpus, shapes[0].At);
                hw.Nodes = nodes > 1 ? new Located<long>(nodes, gpuPods.Count > 0 ? gpuPods[0].At : shapes[0].At) : null;
            }
        }

        private static void ReadPodTemplate(YMapping? template, YMapping? owner, string origin, YScalar? name, ReadContext ctx, Located<long>? nodes, IReadOnlyDictionary<string, string>? env) =>
            ReadPodSpec(YamlAccess.Map(template, "spec"), owner, YamlAccess.Map(template, "metadata"), origin, name, ctx, nodes, env);

        /// <summary>Each container of the pod that launches an engine becomes one deployment.</summary>
        public static void ReadPodSpec(YMapping? spec, YMapping? owner, YMapping? templateMetadata, string origin, YScalar? name, ReadContext ctx,
            Located<long>? nodes, IReadOnlyDictionary<string, string>? env, string? implicitEngine = null, PodScheduling? extraScheduling = null)
        {
            if (spec == null) return;
            var engines = YamlAccess.Maps(spec, "containers").Select(c => EngineContainer.Read(c, ctx, env, implicitEngine)).Where(c => c != null).ToList();
            if (engines.Count == 0) return;
            var pod = extraScheduling ?? new PodScheduling();
            pod.AddAnnotations(YamlAccess.Map(owner, "annotations"));
            pod.AddPod(spec, templateMetadata);
            foreach (var container in engines)
            {
                string label = engines.Count > 1 && container!.Name != null ? $"{origin}, container '{container.Name.Value}'" : origin;
                Fill(ctx.Start(label, name), container!, pod, ctx, nodes);
            }
        }

        /// <summary>Everything a pod-based reader fills the same way: the engine's options, GPUs, nodes, image version, hardware.</summary>
        public static void Fill(ForeignDeployment d, EngineContainer container, PodScheduling pod, ReadContext ctx, Located<long>? nodes)
        {
            var m = d.Manifest;
            m.Hardware.KeySpan = container.Gpus?.Span ?? container.Name?.Span;
            EngineArguments.Apply(container.Invocation, m, d.Bag, path => EngineConfigFile.Resolve(path, container, pod, ctx), ctx.Source);
            m.Serving.EngineVersion ??= container.VersionFromImage();
            if (container.EnvironmentValues.TryGetValue("VLLM_USE_V1", out var useV1))
            {
                m.Serving.UseV1 = new Located<bool>(YamlAccess.IsTruthy(useV1.Value), useV1.Span);
            }
            if (container.EnvironmentValues.TryGetValue("VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS", out var estimate))
            {
                m.Serving.EstimateCudaGraphs = new Located<bool>(YamlAccess.IsTruthy(estimate.Value), estimate.Span);
            }
            if (container.EnvironmentValues.TryGetValue("VLLM_ATTENTION_BACKEND", out var backend) && !string.IsNullOrEmpty(backend.Value))
            {
                m.Serving.AttentionBackend ??= new Located<string>(backend.Value.ToUpperInvariant(), backend.Span);
            }
            if ((container.EnvironmentValues.TryGetValue("VLLM_ALLOW_LONG_MAX_MODEL_LEN", out var allowLong) || container.EnvironmentValues.TryGetValue("SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN", out allowLong))
                && YamlAccess.IsTruthy(allowLong.Value))
            {
                m.Serving.AllowLongMaxModelLen = new Located<bool>(true, allowLong.Span);
            }
            int instanceGpus = ClusterHardware.Apply(d, pod, ctx);
            if (m.Hardware.InterNode == null && ctx.Defaults?.InterNode != null)
            {
                m.Hardware.InterNode = new Located<string>(ctx.Defaults.InterNode, m.Hardware.Gpu?.Span ?? m.Hardware.KeySpan ?? m.DocumentSpan);
            }
            if (nodes != null && nodes.Value > 1) m.Hardware.Nodes = nodes;
            m.Hardware.GpusPerNode = container.Gpus;
            if (m.Hardware.GpusPerNode == null && instanceGpus > 0 && m.Hardware.Gpu != null)
            {
                m.Hardware.GpusPerNode = new Located<long>(instanceGpus, m.Hardware.Gpu.Span);
            }
            if (!pod.ClusterShapeKnown) SpanNodesTheEngineDeclares(d, container.Invocation);
        }

        /// <summary>
        /// One pod can be one node of a larger engine: vLLM's --data-parallel-size-local (DP ranks on this node), SGLang's
        /// --nnodes, or a Ray cluster (--distributed-executor-backend ray) whose other nodes are separate pods. Then the
        /// engine's world is spread over that many nodes of this pod's shape, not squeezed into the pod.
        /// </summary>
        private static void SpanNodesTheEngineDeclares(ForeignDeployment d, EngineInvocation e)
        {
            var m = d.Manifest;
            var perNode = m.Hardware.GpusPerNode;
            if (perNode == null) return;
            long tp = m.Parallelism.Tensor?.Value ?? 1, pp = m.Parallelism.Pipeline?.Value ?? 1, dp = m.Parallelism.Data?.Value ?? 1;
            long world = tp * pp * dp;
            long nodes = m.Hardware.Nodes?.Value ?? 1;
            if (world <= perNode.Value * nodes) return;
            var local = e.Option("data-parallel-size-local", "dpl");
            var nnodes = e.Option("nnodes");
            var ray = e.Option("distributed-executor-backend");
            if (local != null && EngineArguments.TryParseCount(local.Text ?? "", out long perNodeRanks) && perNodeRanks > 0 && dp % perNodeRanks == 0)
            {
                m.Hardware.Nodes = new Located<long>(dp / perNodeRanks, local.Span);
            }
            else if (nnodes != null && EngineArguments.TryParseCount(nnodes.Text ?? "", out long n) && n > nodes)
            {
                m.Hardware.Nodes = new Located<long>(n, nnodes.Span);
            }
            else if (ray != null && ray.Text == "ray")
            {
                SpreadOverRayCluster(d, ray.Span);
            }
        }

        /// <summary>
        /// vLLM on a Ray cluster takes its TP x PP x DP GPUs from every node of the cluster, each shaped like this pod:
        /// the world is spread over world / GPUs-per-pod nodes, and a note says DeployLint assumed that shape.
        /// </summary>
        internal static void SpreadOverRayCluster(ForeignDeployment d, SourceSpan at)
        {
            var m = d.Manifest;
            if (m.Hardware.GpusPerNode == null) return;
            long perNode = m.Hardware.GpusPerNode.Value;
            long tp = m.Parallelism.Tensor?.Value ?? 1, pp = m.Parallelism.Pipeline?.Value ?? 1, dp = m.Parallelism.Data?.Value ?? 1;
            long world = tp * pp * dp;
            if (world <= perNode * (m.Hardware.Nodes?.Value ?? 1) || world % perNode != 0) return;
            m.Hardware.Nodes = new Located<long>(world / perNode, at);
            d.Bag.Add(Rules.Manifest.PlanDetailUnknown.Descriptor, at,
                $"the engine's {world} GPUs (TP {tp} x PP {pp} x DP {dp}) come from a Ray cluster of {world / perNode} nodes of {perNode} GPU(s) like this pod; DeployLint checks that shape");
        }

        private static void ReadLeaderWorkerSet(YMapping root, YMapping? metadata, string title, YScalar? name, ReadContext ctx)
        {
            var lwt = YamlAccess.Map(root, "spec", "leaderWorkerTemplate");
            var sizeScalar = YamlAccess.Scalar(lwt, "size");
            var size = YamlAccess.Count(sizeScalar);
            var env = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // Set by the LWS controller in every pod of a group (sigs.k8s.io/lws, pkg/utils/pod: LwsGroupSize, LwsWorkerIndex).
                ["LWS_GROUP_SIZE"] = (size?.Value ?? 1).ToString(CultureInfo.InvariantCulture),
                ["LWS_WORKER_INDEX"] = "0",
            };
            var leader = YamlAccess.Map(lwt, "leaderTemplate");
            var worker = YamlAccess.Map(lwt, "workerTemplate");
            int before = ctx.Deployments.Count;
            if (leader != null) ReadPodTemplate(leader, metadata, $"LeaderWorkerSet '{title}'", name, ctx, size, env);
            if (ctx.Deployments.Count == before && worker != null) ReadPodTemplate(worker, metadata, $"LeaderWorkerSet '{title}'", name, ctx, size, env);
            if (leader != null && worker != null)
            {
                var workerGpus = YamlAccess.Maps(YamlAccess.Map(worker, "spec"), "containers").Select(c => EngineContainer.GpuLimit(YamlAccess.Map(c, "resources"))).FirstOrDefault(g => g != null);
                for (int i = before; i < ctx.Deployments.Count; i++)
                {
                    var hw = ctx.Deployments[i].Manifest.Hardware;
                    if (hw.GpusPerNode == null && workerGpus != null) hw.GpusPerNode = workerGpus;
                }
            }
        }

        private static void ReadInferenceService(YMapping root, YMapping? metadata, string title, YScalar? name, ReadContext ctx)
        {
            var predictor = YamlAccess.Map(root, "spec", "predictor");
            if (predictor == null) return;
            var pod = new PodScheduling();
            pod.AddAnnotations(YamlAccess.Map(metadata, "annotations"));
            pod.AddNodeSelector(YamlAccess.Map(predictor, "nodeSelector"));
            pod.AddAffinity(YamlAccess.Node(predictor, "affinity"));
            var worker = YamlAccess.Map(predictor, "workerSpec");
            var pipeline = YamlAccess.Count(YamlAccess.Scalar(worker, "pipelineParallelSize"));
            var tensor = YamlAccess.Count(YamlAccess.Scalar(worker, "tensorParallelSize"));
            var model = YamlAccess.Map(predictor, "model");
            int before = ctx.Deployments.Count;
            if (model != null)
            {
                string format = (YamlAccess.Str(model, "modelFormat", "name") ?? "").ToLowerInvariant();
                string? implicitEngine = format == "huggingface" || format == "vllm" || format.Length == 0 && HasVllmFlags(model) ? "vllm" : null;
                var container = EngineContainer.Read(model, ctx, null, implicitEngine);
                if (container != null)
                {
                    var d = ctx.Start($"InferenceService '{title}'", name);
                    var m = d.Manifest;
                    var storage = YamlAccess.Scalar(model, "storageUri");
                    if (storage != null && storage.Value.StartsWith("hf://", StringComparison.OrdinalIgnoreCase))
                    {
                        m.Model.Id = new Located<string>(storage.Value.Substring(5).Trim('/'), storage.Span);
                    }
                    else if (storage != null && container.Invocation.Option("model", "model-id") == null)
                    {
                        m.Model.Id = new Located<string>(storage.Value, storage.Span);
                    }
                    else if (container.Invocation.Option("model-id", "model-name") is EngineOption id && id.Text != null && id.Name == "model-id")
                    {
                        m.Model.Id = new Located<string>(id.Text, id.Span);
                    }
                    ApplyWorkerSpec(m, tensor, pipeline);
                    Fill(d, container, pod, ctx, pipeline);
                }
            }
            else
            {
                ReadPodSpec(predictor, metadata, null, $"InferenceService '{title}'", name, ctx, pipeline, null, null, pod);
                for (int i = before; i < ctx.Deployments.Count; i++) ApplyWorkerSpec(ctx.Deployments[i].Manifest, tensor, pipeline);
            }
        }

        /// <summary>KServe picks the runtime for a model without modelFormat; vLLM's own flags in its args say which.</summary>
        private static bool HasVllmFlags(YMapping model) =>
            YamlAccess.Scalars(YamlAccess.Node(model, "args")).Any(a => a.Value.StartsWith("--tensor-parallel-size", StringComparison.Ordinal)
                || a.Value.StartsWith("--max-model-len", StringComparison.Ordinal) || a.Value.StartsWith("--gpu-memory-utilization", StringComparison.Ordinal));

        private static void ApplyWorkerSpec(DeploymentManifest m, Located<long>? tensor, Located<long>? pipeline)
        {
            if (tensor != null) m.Parallelism.Tensor ??= tensor;
            if (pipeline != null) m.Parallelism.Pipeline ??= pipeline;
        }
    }
}
