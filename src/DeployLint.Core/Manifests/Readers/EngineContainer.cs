using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>An engine container: its launch, its GPUs and its image.</summary>
    public sealed class EngineContainer
    {
        private static readonly Regex VersionTag = new Regex(@"^v?(\d+\.\d+(?:\.\d+)?)", RegexOptions.CultureInvariant);

        public EngineContainer(EngineInvocation invocation, Located<long>? gpus, YScalar? image, YScalar? name)
        {
            Invocation = invocation;
            Gpus = gpus;
            Image = image;
            Name = name;
        }

        public EngineInvocation Invocation { get; }

        /// <summary>The container's literal env values, each with where it was written.</summary>
        public Dictionary<string, YScalar> EnvironmentValues { get; } = new Dictionary<string, YScalar>(StringComparer.Ordinal);
        public Located<long>? Gpus { get; set; }

        /// <summary>The container's volume mounts: volume, mountPath and subPath (null when the whole volume is mounted).</summary>
        public List<(string Volume, string MountPath, string? SubPath)> VolumeMounts { get; } = new List<(string, string, string?)>();
        public YScalar? Image { get; }
        public YScalar? Name { get; }

        /// <summary>The engine version an image tag names (vllm/vllm-openai:v0.8.5 gives 0.8.5), or null for latest, a digest or another engine's image.</summary>
        public Located<string>? VersionFromImage() => Image == null ? null : ImageVersion(Invocation.Engine, Image.Value, Image.Span);

        public static Located<string>? ImageVersion(string engine, string image, SourceSpan span)
        {
            int at = image.IndexOf('@');
            if (at >= 0) image = image.Substring(0, at);
            int colon = image.LastIndexOf(':');
            if (colon < 0 || colon < image.LastIndexOf('/')) return null;
            string repository = image.Substring(0, colon).ToLowerInvariant();
            bool engineImage = engine == "vllm" ? repository.Contains("vllm") && !repository.Contains("dynamo")
                : engine == "sglang" ? repository.Contains("sglang") && !repository.Contains("dynamo")
                : repository.Contains("tensorrt") && !repository.Contains("dynamo");
            if (!engineImage) return null;
            var match = VersionTag.Match(image.Substring(colon + 1));
            return match.Success ? new Located<string>(match.Groups[1].Value, span) : null;
        }

        /// <summary>
        /// Reads a Kubernetes container: env (literal values), command and args (with <c>$(VAR)</c> and <c>sh -c</c> handled),
        /// GPU limits. Null when it does not launch a serving engine DeployLint knows.
        /// </summary>
        public static EngineContainer? Read(YMapping container, ReadContext ctx, IReadOnlyDictionary<string, string>? extraEnv = null, string? implicitEngine = null)
        {
            var env = Environment(YamlAccess.Node(container, "env"), WithConfigMapSources(container, ctx, extraEnv), ctx.ConfigMaps);
            var items = new List<YScalar>();
            var command = YamlAccess.Node(container, "command");
            var args = YamlAccess.Node(container, "args");
            var image = YamlAccess.Scalar(container, "image");
            List<CommandWord> words;
            if (command is YScalar commandScript)
            {
                words = CommandLine.Script(commandScript, ctx.Source, env, ctx.Expansion, kubernetesExpansion: true);
            }
            else
            {
                items.AddRange(YamlAccess.Scalars(command));
                if (args is YScalar argsScript && items.Count == 0) items.Add(argsScript);
                else items.AddRange(YamlAccess.Scalars(args));
                words = items.Count == 1 && items[0].Value.IndexOf(' ') >= 0
                    ? CommandLine.Script(items[0], ctx.Source, env, ctx.Expansion, kubernetesExpansion: true)
                    : CommandLine.Build(items, ctx.Source, env, ctx.Expansion);
            }
            if (implicitEngine == null && command == null && image != null && IsVllmServerImage(image.Value)) implicitEngine = "vllm";
            var invocation = EngineInvocation.Find(words, command == null ? implicitEngine : null);
            if (invocation == null) return null;
            var result = new EngineContainer(invocation, GpuLimit(YamlAccess.Map(container, "resources")), image, YamlAccess.Scalar(container, "name"));
            foreach (var item in YamlAccess.Maps(container, "env"))
            {
                if (YamlAccess.Str(item, "name") is string name && YamlAccess.Scalar(item, "value") is YScalar value) result.EnvironmentValues[name] = value;
            }
            foreach (var mount in YamlAccess.Maps(container, "volumeMounts"))
            {
                if (YamlAccess.Str(mount, "name") is string volume && YamlAccess.Str(mount, "mountPath") is string mountPath)
                {
                    result.VolumeMounts.Add((volume, mountPath, YamlAccess.Str(mount, "subPath")));
                }
            }
            return result;
        }

        public static bool IsVllmServerImage(string image)
        {
            string repository = image.Split('@')[0];
            int colon = repository.LastIndexOf(':');
            if (colon > repository.LastIndexOf('/')) repository = repository.Substring(0, colon);
            return repository.EndsWith("vllm-openai", StringComparison.OrdinalIgnoreCase) || repository.EndsWith("vllm/vllm-tpu", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// The variables a container gets before its own env list: the pod's (extra), then envFrom's ConfigMaps of this
        /// file (with their prefix), as Kubernetes applies them. A Secret's values are not in the file and stay unknown.
        /// </summary>
        private static IReadOnlyDictionary<string, string>? WithConfigMapSources(YMapping container, ReadContext ctx, IReadOnlyDictionary<string, string>? extra)
        {
            var sources = YamlAccess.Maps(container, "envFrom").ToList();
            if (sources.Count == 0) return extra;
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (extra != null) foreach (var pair in extra) result[pair.Key] = pair.Value;
            foreach (var source in sources)
            {
                if (!(YamlAccess.Str(source, "configMapRef", "name") is string name) || !ctx.ConfigMaps.TryGetValue(name, out var data)) continue;
                string prefix = YamlAccess.Str(source, "prefix") ?? "";
                foreach (var e in data.Entries)
                {
                    if (e.Value is YScalar v && !v.IsNull) result[prefix + e.Key.Value] = v.Value;
                }
            }
            return result;
        }

        public static Dictionary<string, string> Environment(YNode? env, IReadOnlyDictionary<string, string>? extra = null, IReadOnlyDictionary<string, YMapping>? configMaps = null)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (extra != null) foreach (var pair in extra) result[pair.Key] = pair.Value;
            foreach (var item in YamlAccess.Maps(env))
            {
                string? name = YamlAccess.Str(item, "name");
                var value = YamlAccess.Scalar(item, "value");
                if (name != null && value != null) result[name] = value.Value;
                // valueFrom.configMapKeyRef: a key of a ConfigMap this file defines.
                if (name != null && value == null && configMaps != null
                    && YamlAccess.Str(item, "valueFrom", "configMapKeyRef", "name") is string mapName && YamlAccess.Str(item, "valueFrom", "configMapKeyRef", "key") is string key
                    && configMaps.TryGetValue(mapName, out var data) && data.Get(key) is YScalar fromMap && !fromMap.IsNull)
                {
                    result[name] = fromMap.Value;
                }
            }
            if (env is YMapping map)
            {
                foreach (var e in map.Entries) if (e.Value is YScalar v && !v.IsNull) result[e.Key.Value] = v.Value;
            }
            if (env is YSequence seq)
            {
                foreach (var item in seq.Items)
                {
                    if (item is YScalar s && s.Value.IndexOf('=') > 0) result[s.Value.Substring(0, s.Value.IndexOf('='))] = s.Value.Substring(s.Value.IndexOf('=') + 1);
                }
            }
            return result;
        }

        /// <summary>nvidia.com/gpu (or amd.com/gpu, or Dynamo's gpu) from limits, else requests.</summary>
        public static Located<long>? GpuLimit(YMapping? resources)
        {
            foreach (var section in new[] { "limits", "requests" })
            {
                var map = YamlAccess.Map(resources, section);
                if (map == null) continue;
                foreach (var e in map.Entries)
                {
                    string key = e.Key.Value.Trim();
                    if (key == "nvidia.com/gpu" || key == "amd.com/gpu" || key == "gpu" || key == "habana.ai/gaudi")
                    {
                        var count = YamlAccess.Count(e.Value as YScalar);
                        if (count != null) return count;
                    }
                }
            }
            return null;
        }
    }
}
