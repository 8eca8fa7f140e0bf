using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// NVIDIA Dynamo DynamoGraphDeployment: every service under spec.services that launches an engine (the prefill and
    /// decode workers of a disaggregated graph, or the aggregated worker) is a deployment of its own, with its GPUs from
    /// resources.limits.gpu and its nodes from multinode.nodeCount.
    /// </summary>
    public static class DynamoReader
    {
        public static void Read(YMapping root, YMapping? metadata, string title, ReadContext ctx)
        {
            var spec = YamlAccess.Map(root, "spec");
            var services = YamlAccess.Map(spec, "services");
            if (services == null) return;
            var sharedEnv = EngineContainer.Environment(YamlAccess.Node(spec, "envs"));
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
    }
}
