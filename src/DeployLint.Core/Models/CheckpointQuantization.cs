using System.Collections.Generic;
using System.Globalization;
using DeployLint.Estimation;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>Reads a config.json <c>quantization_config</c> into the scheme the checkpoint stores.</summary>
    public static class CheckpointQuantization
    {
        /// <summary>The checkpoint's scheme, or null for a 16/32-bit checkpoint (or a method DeployLint does not model).</summary>
        public static QuantizationScheme? Read(ModelConfig config)
        {
            // A multimodal wrapper may keep it with its language model (Kimi K2.5: text_config.quantization_config).
            var q = config.Section("quantization_config") ?? config.Section("text_config")?.Get("quantization_config") as YMapping;
            if (q == null) return null;
            string method = Str(q, "quant_method") ?? "";
            var ignore = new List<string>();
            AddAll(ignore, q.Get("modules_to_not_convert"));
            AddAll(ignore, q.Get("ignore"));
            AddAll(ignore, q.Get("ignored_layers"));
            switch (method)
            {
                case "fp8":
                {
                    string fmt = Str(q, "fmt") ?? "e4m3";
                    string format = fmt == "e5m2" ? Formats.Fp8E5M2 : Formats.Fp8E4M3;
                    if (q.Get("weight_block_size") is YSequence block && block.Items.Count == 2)
                    {
                        return new QuantizationScheme(format, ScaleGranularity.PerBlock, blockRows: (int)Int(block.Items[0]), blockColumns: (int)Int(block.Items[1]),
                            unquantizedModules: ignore, origin: "checkpoint");
                    }
                    return new QuantizationScheme(format, ScaleGranularity.PerTensor, unquantizedModules: ignore, origin: "checkpoint");
                }
                case "mxfp4":
                    return new QuantizationScheme(Formats.Mxfp4, ScaleGranularity.PerGroup, groupSize: 32, unquantizedModules: ignore, origin: "checkpoint");
                case "awq":
                case "awq_marlin":
                    return new QuantizationScheme(Formats.Int4Awq, ScaleGranularity.PerGroup, groupSize: (int)IntOr(q, "group_size", 128),
                        zeroPoints: BoolOr(q, "zero_point", true), unquantizedModules: ignore, origin: "checkpoint");
                case "gptq":
                case "gptq_marlin":
                    return new QuantizationScheme(Formats.Int4Gptq, ScaleGranularity.PerGroup, groupSize: (int)IntOr(q, "group_size", 128),
                        zeroPoints: true, groupIndex: BoolOr(q, "desc_act", false), unquantizedModules: ignore, origin: "checkpoint");
                case "modelopt":
                case "modelopt_fp4":
                {
                    string algo = Str(q, "quant_algo") ?? ((q.Get("quantization") as YMapping)?.Get("quant_algo") as YScalar)?.Value ?? "";
                    if (algo.ToUpperInvariant().Contains("FP4")) return new QuantizationScheme(Formats.Nvfp4, ScaleGranularity.PerGroup, groupSize: 16, unquantizedModules: ignore, origin: "checkpoint");
                    return new QuantizationScheme(Formats.Fp8E4M3, ScaleGranularity.PerTensor, unquantizedModules: ignore, origin: "checkpoint");
                }
                case "compressed-tensors":
                    return CompressedTensors(q, ignore);
                default:
                    return null;
            }
        }

        private static QuantizationScheme? CompressedTensors(YMapping q, List<string> ignore)
        {
            if (!(q.Get("config_groups") is YMapping groups)) return null;
            foreach (var group in groups.Entries)
            {
                if (!(group.Value is YMapping g) || !(g.Get("weights") is YMapping w)) continue;
                long bits = IntOr(w, "num_bits", 8);
                string type = Str(w, "type") ?? "int";
                string strategy = Str(w, "strategy") ?? "tensor";
                var granularity = strategy switch
                {
                    "channel" => ScaleGranularity.PerChannel,
                    "group" => ScaleGranularity.PerGroup,
                    "block" => ScaleGranularity.PerBlock,
                    _ => ScaleGranularity.PerTensor,
                };
                if (bits == 8)
                {
                    string format = type == "float" ? Formats.Fp8E4M3 : Formats.Int8;
                    if (granularity == ScaleGranularity.PerBlock && w.Get("block_structure") is YSequence b && b.Items.Count == 2)
                    {
                        return new QuantizationScheme(format, granularity, blockRows: (int)Int(b.Items[0]), blockColumns: (int)Int(b.Items[1]), unquantizedModules: ignore, origin: "checkpoint");
                    }
                    return new QuantizationScheme(format, granularity, unquantizedModules: ignore, origin: "checkpoint");
                }
                if (bits == 4)
                {
                    if (type == "float") return new QuantizationScheme(Formats.Nvfp4, ScaleGranularity.PerGroup, groupSize: 16, unquantizedModules: ignore, origin: "checkpoint");
                    return new QuantizationScheme(Formats.Int4Gptq, ScaleGranularity.PerGroup, groupSize: (int)IntOr(w, "group_size", 128),
                        zeroPoints: !BoolOr(w, "symmetric", true), unquantizedModules: ignore, origin: "checkpoint");
                }
            }
            return null;
        }

        private static void AddAll(List<string> list, YNode? node)
        {
            if (node is YSequence seq)
            {
                foreach (var item in seq.Items) if (item is YScalar s) list.Add(s.Value);
            }
        }

        private static string? Str(YMapping m, string key) => m.Get(key) is YScalar s && !s.IsNull ? s.Value : null;

        private static long Int(YNode node) => node is YScalar s && long.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

        private static long IntOr(YMapping m, string key, long fallback) => m.Get(key) is YScalar s && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : fallback;

        private static bool BoolOr(YMapping m, string key, bool fallback) => m.Get(key) is YScalar s ? (s.Value == "true" || s.Value == "True" ? true : s.Value == "false" || s.Value == "False" ? false : fallback) : fallback;
    }
}
