using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeployLint.Rules.Manifest;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// A SkyPilot task (sky launch / sky serve YAML): the engine its run script starts, on resources.accelerators
    /// ("H100:8", a mapping of acceptable types to counts, or a list of "type:count"), times num_nodes. The script sees
    /// envs and the variables SkyPilot sets on every node (SKYPILOT_NUM_GPUS_PER_NODE, SKYPILOT_NUM_NODES), so
    /// "--tensor-parallel-size $SKYPILOT_NUM_GPUS_PER_NODE" reads as the count.
    /// </summary>
    public static class SkyPilotReader
    {
        /// <summary>
        /// SkyPilot accelerator names whose memory differs from what the bare name means elsewhere ('sky show-gpus': A100 is
        /// the 40 GB part on every cloud, A100-80GB the 80 GB one; V100 the 16 GB one; H100-MEGA GCP's a3-megagpu H100 SXM).
        /// </summary>
        private static readonly Dictionary<string, string> Names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["A100"] = "A100-SXM-40GB",
            ["A100-80GB"] = "A100-SXM-80GB",
            ["V100"] = "V100-SXM-16GB",
            ["V100-32GB"] = "V100-SXM-32GB",
            ["H100-MEGA"] = "H100-SXM-80GB",
        };

        public static bool Recognizes(YMapping root) =>
            root.Get("run") is YScalar && (root.Get("resources") is YMapping || root.Get("setup") != null || root.Get("envs") is YMapping);

        public static void Read(YMapping root, ReadContext ctx)
        {
            var run = (YScalar)root.Get("run")!;
            var resources = YamlAccess.Map(root, "resources");
            var options = Accelerators(YamlAccess.Node(resources, "accelerators"));
            var nodes = YamlAccess.Count(YamlAccess.Scalar(root, "num_nodes"));
            var counts = options.Select(o => o.Count).Distinct().ToList();
            long? perNode = counts.Count == 1 ? counts[0] : (long?)null;

            var env = EngineContainer.Environment(YamlAccess.Node(root, "envs"));
            if (perNode != null) env["SKYPILOT_NUM_GPUS_PER_NODE"] = perNode.Value.ToString(CultureInfo.InvariantCulture);
            env["SKYPILOT_NUM_NODES"] = (nodes?.Value ?? 1).ToString(CultureInfo.InvariantCulture);
            env["SKYPILOT_NODE_RANK"] = "0";
            var words = CommandLine.Script(run, ctx.Source, env, ctx.Expansion, kubernetesExpansion: false);
            var invocation = EngineInvocation.Find(words, null);
            if (invocation == null) return;

            var at = options.Count > 0 ? options[0].At : run;
            var container = new EngineContainer(invocation, perNode != null ? new Located<long>(perNode.Value, at.Span) : null, null, null);
            var pod = new PodScheduling();
            var types = options.Select(o => Names.TryGetValue(o.Gpu, out var id) ? id : o.Gpu).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (types.Count == 1) pod.NameGpu(types[0], at.Span);
            var name = YamlAccess.Scalar(root, "name");
            string title = name?.Value ?? System.IO.Path.GetFileNameWithoutExtension(ctx.FilePath);
            var d = ctx.Start($"SkyPilot task '{ManifestBinder.Shorten(title)}'", name);
            d.Manifest.Name ??= new Located<string>(title, run.Span);
            KubernetesReader.Fill(d, container, pod, ctx, nodes);
            if (types.Count > 1)
            {
                // Any of these may be provisioned; each needs its own check.
                d.Manifest.Hardware.GpuUnknownExplained = true;
                d.Bag.Add(PlanDetailUnknown.Descriptor, at.Span,
                    $"the task may run on {string.Join(" or ", types.Select(t => ManifestBinder.Shorten(t)))}; memory, latency and topology checks are skipped (list one accelerator to check it)");
            }
        }

        /// <summary>The accelerator choices: "H100:8", {H100: 8, A100-80GB: 8}, ["L4:1", "A10G:1"]; a type without a count means 1.</summary>
        private static List<(string Gpu, long Count, YScalar At)> Accelerators(YNode? node)
        {
            var result = new List<(string, long, YScalar)>();
            switch (node)
            {
                case YScalar one when !one.IsNull:
                    Add(one.Value, one, result);
                    break;
                case YSequence list:
                    foreach (var item in list.Items.OfType<YScalar>()) Add(item.Value, item, result);
                    break;
                case YMapping map:
                    foreach (var entry in map.Entries)
                    {
                        // {L4:1, A10G:1} is a flow mapping of keys "L4:1" and "A10G:1" (no space after the colon): each key is a choice.
                        if (entry.Value is YScalar c && long.TryParse(c.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n > 0 && n <= 1024) result.Add((entry.Key.Value.Trim(), n, entry.Key));
                        else Add(entry.Key.Value, entry.Key, result);
                    }
                    break;
            }
            return result;
        }

        private static void Add(string text, YScalar at, List<(string, long, YScalar)> result)
        {
            string value = text.Trim().Trim('{', '}');
            int colon = value.LastIndexOf(':');
            string gpu = colon > 0 ? value.Substring(0, colon).Trim() : value;
            long count = colon > 0 && long.TryParse(value.Substring(colon + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n > 0 && n <= 1024 ? n : 1;
            if (gpu.Length > 0) result.Add((gpu, count, at));
        }
    }
}
