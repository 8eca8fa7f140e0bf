using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// An engine's config file that a ConfigMap in the same file provides through a volume mount
    /// (<c>--extra-engine-args /config/agg.yaml</c>, <c>--config /etc/vllm/config.yaml</c>), read as the engine reads it.
    /// Its keys become engine options, located inside the ConfigMap's embedded YAML.
    /// </summary>
    public static class EngineConfigFile
    {
        /// <summary>TensorRT-LLM LLM API keys whose command-line name differs: the plan field each one sets.</summary>
        private static readonly Dictionary<string, string> TrtllmKeys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["moe_expert_parallel_size"] = "expert-parallel-size",
            ["kv_cache_config.free_gpu_memory_fraction"] = "free-gpu-memory-fraction",
            ["kv_cache_config.dtype"] = "kv-cache-dtype",
            ["kv_cache_config.max_tokens"] = "kv-cache-max-tokens",
            ["cuda_graph_config.max_batch_size"] = "cuda-graph-max-batch-size",
            ["torch_compile_config.enable_piecewise_cuda_graph"] = "enable-piecewise-cuda-graph",
            ["attention_dp_config.enable_balance"] = "attention-dp-enable-balance",
            ["attention_dp_config.timeout_iters"] = "attention-dp-time-out-iters",
            ["attention_dp_config.batching_wait_iters"] = "attention-dp-batching-wait-iters",
        };

        /// <summary>
        /// The ConfigMap data entry mounted at <paramref name="path"/> in this container, or null: a mount whose mountPath is the
        /// file (subPath) or a folder above it, of a volume that names a ConfigMap the file defines.
        /// </summary>
        public static YScalar? Resolve(string path, EngineContainer container, PodScheduling pod, ReadContext ctx)
        {
            foreach (var mount in container.VolumeMounts)
            {
                if (!pod.ConfigMapVolumes.TryGetValue(mount.Volume, out var configMapName)) continue;
                if (!ctx.ConfigMaps.TryGetValue(configMapName, out var data)) continue;
                string mountPath = mount.MountPath.TrimEnd('/');
                string? key = null;
                if (mount.SubPath != null && path == mountPath) key = mount.SubPath;
                else if (mount.SubPath == null && path.StartsWith(mountPath + "/", StringComparison.Ordinal)) key = path.Substring(mountPath.Length + 1);
                if (key == null || key.IndexOf('/') >= 0) continue;
                if (data.Get(key) is YScalar content) return content;
            }
            return null;
        }

        /// <summary>
        /// The file's settings as engine options. A literal block (<c>config.yaml: |</c>) is parsed where it stands, so each
        /// option points at its key and value in the outer file; any other scalar is parsed alone and its options point at it.
        /// Null when the content is not a YAML mapping.
        /// </summary>
        public static List<EngineOption>? Options(YScalar content, SourceText source, string engine)
        {
            var (text, located) = InPlace(content, source);
            var read = YamlTreeReader.Read(text);
            if (read.Problems.Count > 0 || read.Documents.Count != 1 || !(read.Documents[0].Root is YMapping root)) return null;
            var options = new List<EngineOption>();
            Flatten(root, "", engine, located ? null : (SourceSpan?)content.Span, options);
            return options;
        }

        private static void Flatten(YMapping map, string prefix, string engine, SourceSpan? at, List<EngineOption> options)
        {
            foreach (var entry in map.Entries)
            {
                string key = prefix + entry.Key.Value;
                if (entry.Value is YMapping nested)
                {
                    if (prefix.Length == 0) Flatten(nested, key + ".", engine, at, options);
                    continue;
                }
                if (!(entry.Value is YScalar value) || value.IsNull) continue;
                string name = engine == "trtllm" && TrtllmKeys.TryGetValue(key, out var mapped) ? mapped : key.Replace('_', '-');
                if (name.IndexOf('.') >= 0) continue; // a nested setting no command-line option carries
                var flag = new CommandWord("--" + name, at ?? entry.Key.Span);
                var word = new CommandWord(value.Value, at ?? value.Span);
                options.Add(new EngineOption(flag, name, word, null));
            }
        }

        /// <summary>The text to parse: for a literal block, the outer file with every line but the block's blanked, so positions stay.</summary>
        private static (string Text, bool Located) InPlace(YScalar content, SourceText source)
        {
            string outer = source.Text;
            int indicator = source.Offset(content.Span.StartLine, content.Span.StartColumn);
            if (indicator < 0 || indicator >= outer.Length || outer[indicator] != '|') return (content.Value, false);
            var lines = outer.Split('\n');
            var result = new StringBuilder(outer.Length);
            int first = content.Span.StartLine; // 0-based index of the line after the indicator
            int indent = -1;
            bool inBlock = true;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                if (i >= first && inBlock)
                {
                    bool blank = line.Trim().Length == 0;
                    int lead = line.Length - line.TrimStart(' ').Length;
                    if (!blank && indent < 0) indent = lead;
                    if (blank || lead >= indent && indent > 0)
                    {
                        result.Append(line);
                        if (i < lines.Length - 1) result.Append('\n');
                        continue;
                    }
                    inBlock = false;
                }
                if (i < lines.Length - 1) result.Append('\n');
            }
            return indent > 0 ? (result.ToString(), true) : (content.Value, false);
        }
    }
}
