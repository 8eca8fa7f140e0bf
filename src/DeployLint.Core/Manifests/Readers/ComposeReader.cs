using System;
using System.Linq;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// Docker Compose services that run an engine: command as a list or a string, the vllm/vllm-openai image's own
    /// entrypoint, GPUs from deploy.resources.reservations.devices, and deploylint.io/* service labels for what compose
    /// cannot say (the GPU type).
    /// </summary>
    public static class ComposeReader
    {
        public static bool Recognizes(YMapping root) =>
            root.Get("services") is YMapping services && services.Entries.Any(e => e.Value is YMapping s && (s.Get("image") != null || s.Get("build") != null));

        public static void Read(YMapping root, ReadContext ctx)
        {
            foreach (var entry in ((YMapping)root.Get("services")!).Entries)
            {
                if (!(entry.Value is YMapping service)) continue;
                var env = EngineContainer.Environment(YamlAccess.Node(service, "environment"));
                var image = YamlAccess.Scalar(service, "image");
                var command = YamlAccess.Node(service, "command");
                var entrypoint = YamlAccess.Node(service, "entrypoint");
                var words = command is YScalar script ? CommandLine.Script(script, ctx.Source, env, ctx.Expansion, kubernetesExpansion: false)
                    : CommandLine.Build(YamlAccess.Scalars(entrypoint).Concat(YamlAccess.Scalars(command)).ToList(), ctx.Source, env, ctx.Expansion, kubernetesExpansion: false);
                string? implicitEngine = entrypoint == null && image != null && EngineContainer.IsVllmServerImage(image.Value) ? "vllm" : null;
                var invocation = EngineInvocation.Find(words, implicitEngine);
                if (invocation == null) continue;
                var container = new EngineContainer(invocation, Devices(service), image, entry.Key);
                var pod = new PodScheduling();
                pod.AddAnnotations(YamlAccess.Map(service, "labels"));
                if (YamlAccess.Node(service, "labels") is YSequence labels)
                {
                    foreach (var label in YamlAccess.Scalars(labels))
                    {
                        int eq = label.Value.IndexOf('=');
                        if (eq > 0 && label.Value.StartsWith("deploylint.io/", StringComparison.Ordinal))
                        {
                            pod.Annotations[label.Value.Substring(0, eq)] = new YScalar(label.Value.Substring(eq + 1), false, label.Span);
                        }
                    }
                }
                var d = ctx.Start($"compose service '{entry.Key.Value}'", entry.Key);
                KubernetesReader.Fill(d, container, pod, ctx, null);
            }
        }

        /// <summary>deploy.resources.reservations.devices[].count (a number; "all" leaves it to the layout) or the number of device_ids.</summary>
        private static Located<long>? Devices(YMapping service)
        {
            foreach (var device in YamlAccess.Maps(service, "deploy", "resources", "reservations", "devices"))
            {
                var count = YamlAccess.Count(YamlAccess.Scalar(device, "count"));
                if (count != null) return count;
                if (YamlAccess.Node(device, "device_ids") is YSequence ids && ids.Items.Count > 0) return new Located<long>(ids.Items.Count, ids.Span);
            }
            return null;
        }
    }
}
