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
            var spec = Y.Map(root, "spec");
            var services = Y.Map(spec, "services");
            if (services == null) return;
            var sharedEnv = EngineContainer.Environment(Y.Node(spec, "envs"));
            foreach (var entry in services.Entries)
            {
                if (!(entry.Value is YMapping service)) continue;
                var extra = Y.Map(service, "extraPodSpec");
                var main = Y.Map(extra, "mainContainer");
                if (main == null) continue;
                var env = new Dictionary<string, string>(sharedEnv, StringComparer.Ordinal);
                foreach (var pair in EngineContainer.Environment(Y.Node(service, "envs"))) env[pair.Key] = pair.Value;
                var container = EngineContainer.Read(main, ctx, env);
                if (container == null) continue;
                container.Gpus ??= EngineContainer.GpuLimit(Y.Map(service, "resources"));
                var pod = new PodScheduling();
                pod.AddAnnotations(Y.Map(metadata, "annotations"));
                pod.AddAnnotations(Y.Map(service, "annotations"));
                pod.AddPod(extra, null);
                string role = Y.Str(service, "subComponentType") ?? "";
                var d = ctx.Start($"DynamoGraphDeployment '{title}', service '{entry.Key.Value}'" + (role.Length > 0 ? $" ({role})" : ""), entry.Key);
                d.Manifest.Name = new Located<string>(title + "/" + entry.Key.Value, entry.Key.Span);
                KubernetesReader.Fill(d, container, pod, ctx, Y.Count(Y.Scalar(service, "multinode", "nodeCount")));
            }
        }
    }
}
