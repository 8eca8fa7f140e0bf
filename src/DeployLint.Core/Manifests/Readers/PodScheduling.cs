using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>Where a pod may be scheduled and what it says about itself: node labels it selects, annotations, RDMA devices.</summary>
    public sealed class PodScheduling
    {
        public List<KeyValuePair<YScalar, List<YScalar>>> NodeLabels { get; } = new List<KeyValuePair<YScalar, List<YScalar>>>();
        public Dictionary<string, YScalar> Annotations { get; } = new Dictionary<string, YScalar>(StringComparer.Ordinal);

        /// <summary>True when the file states the whole cluster the engine spans (a Ray cluster's worker groups): no shape is assumed.</summary>
        public bool ClusterShapeKnown { get; set; }

        /// <summary>The pod's volumes that are ConfigMaps: volume name to ConfigMap name.</summary>
        public Dictionary<string, string> ConfigMapVolumes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public void AddNodeSelector(YMapping? selector)
        {
            if (selector == null) return;
            foreach (var e in selector.Entries)
            {
                if (e.Value is YScalar v && !v.IsNull) NodeLabels.Add(new KeyValuePair<YScalar, List<YScalar>>(e.Key, new List<YScalar> { v }));
            }
        }

        /// <summary>nodeSelectorTerms as Kubernetes affinity (and production-stack's nodeSelectorTerms) write them: key In [values].</summary>
        public void AddSelectorTerms(YNode? terms)
        {
            foreach (var term in YamlAccess.Maps(terms))
            {
                foreach (var expression in YamlAccess.Maps(term, "matchExpressions"))
                {
                    var key = YamlAccess.Scalar(expression, "key");
                    string op = YamlAccess.Str(expression, "operator") ?? "In";
                    if (key == null || op != "In") continue;
                    var values = YamlAccess.Scalars(YamlAccess.Node(expression, "values"));
                    if (values.Count > 0) NodeLabels.Add(new KeyValuePair<YScalar, List<YScalar>>(key, values));
                }
            }
        }

        public void AddAffinity(YNode? affinity) =>
            AddSelectorTerms(YamlAccess.Node(affinity, "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"));

        /// <summary>
        /// The GPU a file names in its own terms (a KubeAI resource profile, a SkyPilot accelerator), located there, unless a
        /// deploylint.io/gpu annotation already says which; read as that annotation would be.
        /// </summary>
        public void NameGpu(string gpuId, SourceSpan at)
        {
            if (!Annotations.ContainsKey(ClusterHardware.GpuAnnotation)) Annotations[ClusterHardware.GpuAnnotation] = new YScalar(gpuId, false, at);
        }

        public void AddAnnotations(YMapping? annotations)
        {
            if (annotations == null) return;
            foreach (var e in annotations.Entries)
            {
                if (e.Value is YScalar v && !v.IsNull && e.Key.Value.StartsWith("deploylint.io/", StringComparison.Ordinal)) Annotations[e.Key.Value] = v;
            }
        }

        /// <summary>Reads nodeSelector, affinity and annotations of a pod spec and its template metadata.</summary>
        public void AddPod(YMapping? podSpec, YMapping? metadata)
        {
            AddAnnotations(YamlAccess.Map(metadata, "annotations"));
            AddNodeSelector(YamlAccess.Map(podSpec, "nodeSelector"));
            AddAffinity(YamlAccess.Node(podSpec, "affinity"));
            foreach (var volume in YamlAccess.Maps(podSpec, "volumes"))
            {
                if (YamlAccess.Str(volume, "name") is string name && YamlAccess.Str(volume, "configMap", "name") is string configMap) ConfigMapVolumes[name] = configMap;
            }
        }
    }
}
