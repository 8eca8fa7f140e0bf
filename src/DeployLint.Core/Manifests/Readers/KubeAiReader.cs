using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// KubeAI's Model (kubeai.org/v1): a vLLM server the operator builds from spec.url (hf://org/name, or a bucket or PVC
    /// path), spec.args and spec.resourceProfile ("nvidia-gpu-l4:2": a profile of the chart's values, times a count).
    /// OLlama, Infinity and FasterWhisper models run no engine DeployLint models.
    /// </summary>
    public static class KubeAiReader
    {
        /// <summary>
        /// The GPU each of KubeAI's stock resource profiles selects (substratusai/kubeai charts/kubeai/values.yaml and its
        /// values-gke.yaml / values-nvidia-k8s-device-plugin.yaml: gke-accelerator nvidia-l4 / nvidia-h100-80gb, or
        /// gpu.family + gpu.memory). Each profile asks for one GPU; the count after the colon multiplies it. GH200, A16 and
        /// RTX 4070 profiles name GPUs the catalog lacks.
        /// </summary>
        private static readonly Dictionary<string, string> ProfileGpus = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["nvidia-gpu-t4"] = "T4-16GB",
            ["nvidia-gpu-l4"] = "L4-24GB",
            ["nvidia-gpu-l40s"] = "L40S-48GB",
            ["nvidia-gpu-h100"] = "H100-SXM-80GB",
            ["nvidia-gpu-a100-80gb"] = "A100-SXM-80GB",
            ["nvidia-gpu-a100-40gb"] = "A100-SXM-40GB",
            ["amd-gpu-mi300x"] = "MI300X-192GB",
        };

        public static void Read(YMapping root, YMapping? metadata, string title, YScalar? name, ReadContext ctx)
        {
            var spec = YamlAccess.Map(root, "spec");
            if (!string.Equals(YamlAccess.Str(spec, "engine"), "VLLM", StringComparison.OrdinalIgnoreCase)) return;
            var container = EngineContainer.Read(spec!, ctx, null, "vllm");
            if (container == null) return;
            var pod = new PodScheduling();
            pod.AddAnnotations(YamlAccess.Map(metadata, "annotations"));
            var profile = YamlAccess.Scalar(spec, "resourceProfile");
            string? profileGpu = null;
            if (profile != null)
            {
                string[] parts = profile.Value.Split(':');
                string profileName = parts[0].Trim();
                long count = parts.Length == 2 && long.TryParse(parts[1].Trim(), out long n) && n > 0 && n <= 1024 ? n : 1;
                container.Gpus ??= new Located<long>(count, profile.Span);
                if (ProfileGpus.TryGetValue(profileName, out var gpu) && !pod.Annotations.ContainsKey(ClusterHardware.GpuAnnotation))
                {
                    pod.NameGpu(gpu, profile.Span);
                    profileGpu = gpu;
                }
            }
            var d = ctx.Start($"KubeAI Model '{title}'", name);
            var url = YamlAccess.Scalar(spec, "url");
            if (url != null && url.Value.StartsWith("hf://", StringComparison.OrdinalIgnoreCase))
            {
                d.Manifest.Model.Id = new Located<string>(url.Value.Substring(5).Trim('/'), url.Span);
            }
            else if (url != null && url.Value.IndexOf("://", StringComparison.Ordinal) > 0)
            {
                d.Manifest.Model.Id = new Located<string>(url.Value, url.Span);
            }
            KubernetesReader.Fill(d, container, pod, ctx, null);
            if (profileGpu != null)
            {
                d.Bag.Add(Rules.Manifest.PlanDetailUnknown.Descriptor, profile!.Span,
                    $"resourceProfile {ManifestBinder.Shorten(profile.Value)} is checked on {profileGpu}, the GPU KubeAI's stock profile of that name selects; a cluster whose own profiles map it elsewhere should annotate {ClusterHardware.GpuAnnotation}");
            }
        }
    }
}
