using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// NVIDIA Dynamo DynamoGraphDeployment: every component that launches an engine (the prefill and decode workers of a
    /// disaggregated graph, or the aggregated worker) is a deployment of its own, with its nodes from multinode.nodeCount.
    /// nvidia.com/v1alpha1 keys them under spec.services (extraPodSpec.mainContainer, resources.limits.gpu); v1beta1
    /// (Dynamo 1.x, deploy/operator/api/v1beta1) lists them under spec.components, each with a native podTemplate whose
    /// container named "main" runs the engine.
    /// </summary>
    public static class DynamoReader
    {
        public static void Read(YMapping root, YMapping? metadata, string title, ReadContext ctx)
        {
            var spec = YamlAccess.Map(root, "spec");
            var sharedEnv = EngineContainer.Environment(YamlAccess.Node(spec, "envs"));
            if (YamlAccess.Node(spec, "components") is YSequence components)
            {
                ReadComponents(components, metadata, title, sharedEnv, ctx);
                return;
            }
            var services = YamlAccess.Map(spec, "services");
            if (services == null) return;
            foreach (var entry in services.Entries)
            {
                if (!(entry.Value is YMapping service)) continue;
                var extra = YamlAccess.Map(service, "extraPodSpec");
                var main = YamlAccess.Map(extra, "mainContainer");
                if (main == null) continue;
                var env = new Dictionary<string, string>(sharedEnv, StringComparer.Ordinal);
                foreach (var pair in EngineContainer.Environment(YamlAccess.Node(service, "envs"))) env[pair.Key] = pair.Value;
                var container = EngineContainer.Read(main, ctx, env);
                if (container == null) continue;
                container.Gpus ??= EngineContainer.GpuLimit(YamlAccess.Map(service, "resources"));
                var pod = new PodScheduling();
                pod.AddAnnotations(YamlAccess.Map(metadata, "annotations"));
                pod.AddAnnotations(YamlAccess.Map(service, "annotations"));
                pod.AddPod(extra, null);
                string role = YamlAccess.Str(service, "subComponentType") ?? "";
                var d = ctx.Start($"DynamoGraphDeployment '{title}', service '{entry.Key.Value}'" + (role.Length > 0 ? $" ({role})" : ""), entry.Key);
                d.Manifest.Name = new Located<string>(title + "/" + entry.Key.Value, entry.Key.Span);
                KubernetesReader.Fill(d, container, pod, ctx, YamlAccess.Count(YamlAccess.Scalar(service, "multinode", "nodeCount")));
            }
        }

        private static void ReadComponents(YSequence components, YMapping? metadata, string title, Dictionary<string, string> sharedEnv, ReadContext ctx)
        {
            foreach (var item in components.Items)
            {
                if (!(item is YMapping component)) continue;
                var template = YamlAccess.Map(component, "podTemplate");
                var podSpec = YamlAccess.Map(template, "spec");
                var containers = YamlAccess.Maps(podSpec, "containers").ToList();
                // The operator runs the engine in the container named main; a sidecar that happens to mention an engine is not it.
                var main = containers.FirstOrDefault(c => YamlAccess.Str(c, "name") == "main");
                EngineContainer? container = null;
                foreach (var candidate in main != null ? new List<YMapping> { main } : containers)
                {
                    container = EngineContainer.Read(candidate, ctx, new Dictionary<string, string>(sharedEnv, StringComparer.Ordinal));
                    if (container != null) break;
                }
                if (container == null) continue;
                var pod = new PodScheduling();
                pod.AddAnnotations(YamlAccess.Map(metadata, "annotations"));
                pod.AddPod(podSpec, YamlAccess.Map(template, "metadata"));
                var nameKey = YamlAccess.Scalar(component, "name");
                string name = nameKey?.Value ?? "component";
                string role = YamlAccess.Str(component, "type") ?? "";
                var d = ctx.Start($"DynamoGraphDeployment '{title}', component '{ManifestBinder.Shorten(name)}'" + (role.Length > 0 ? $" ({ManifestBinder.Shorten(role)})" : ""), nameKey);
                d.Manifest.Name = new Located<string>(title + "/" + name, nameKey?.Span ?? component.Span);
                KubernetesReader.Fill(d, container, pod, ctx, YamlAccess.Count(YamlAccess.Scalar(component, "multinode", "nodeCount")));
            }
        }
    }
}
