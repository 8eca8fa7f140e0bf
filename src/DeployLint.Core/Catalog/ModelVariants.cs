using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Estimation;

namespace DeployLint.Catalog
{
    /// <summary>
    /// Model ids that are not in the catalog but name a variant of a catalog model: a quantized re-upload
    /// (Qwen/Qwen3-32B-AWQ, RedHatAI/Qwen3-8B-FP8-dynamic, nvidia/Llama-3.3-70B-Instruct-NVFP4) or the same checkpoint under
    /// another organisation (a mirror, a fine-tune that keeps the shapes: unsloth/Qwen3-14B). The variant shares the base
    /// model's tensor shapes; its weight format comes from the suffix. A re-upload may pad shapes (GPTQ checkpoints of
    /// Qwen2.5-72B pad intermediate_size for TP), so the result is reported as inferred and the config can be pulled for an exact check.
    /// </summary>
    public static class ModelVariants
    {
        /// <summary>Name suffixes of quantized re-uploads, longest first, and the weight format each implies.</summary>
        private static readonly (string Suffix, string Format)[] QuantizationSuffixes =
        {
            ("-quantized.w4a16", Formats.Int4Gptq), ("-quantized.w8a8", Formats.Int8), ("-quantized.w8a16", Formats.Int8),
            ("-fp8-dynamic", Formats.Fp8E4M3), ("-fp8-block", Formats.Fp8E4M3), ("-fp8-static", Formats.Fp8E4M3),
            ("-gptq-int4", Formats.Int4Gptq), ("-gptq-int8", Formats.Int8), ("-awq-int4", Formats.Int4Awq), ("-int4-awq", Formats.Int4Awq),
            ("-awq-4bit", Formats.Int4Awq), ("-awq-8bit", Formats.Int8),
            ("-w4a16", Formats.Int4Gptq), ("-w8a8", Formats.Int8), ("-gptq", Formats.Int4Gptq), ("-awq", Formats.Int4Awq),
            ("-nvfp4", Formats.Nvfp4), ("-mxfp4", Formats.Mxfp4), ("-fp4", Formats.Nvfp4), ("-fp8", Formats.Fp8E4M3), ("-int8", Formats.Int8), ("-int4", Formats.Int4Gptq),
        };

        /// <summary>
        /// 128 x 128 block FP8, which two names imply: llm-compressor's FP8_BLOCK preset (the -FP8-block uploads) and Qwen's
        /// own -FP8 releases ("fine-grained fp8 quantization with block size of 128" in their model cards; weight_block_size
        /// [128, 128] in config.json, as Qwen/Qwen3-30B-A3B-FP8 in the catalog).
        /// </summary>
        private static readonly QuantizationScheme BlockFp8 =
            new QuantizationScheme(Formats.Fp8E4M3, ScaleGranularity.PerBlock, blockRows: 128, blockColumns: 128, origin: "name");

        /// <summary>The scales a name implies beyond its format, where its publisher's convention fixes them; null otherwise.</summary>
        private static QuantizationScheme? SchemeOf(string org, string? suffix) =>
            suffix == "-fp8-block" || suffix == "-fp8" && string.Equals(org, "Qwen", StringComparison.OrdinalIgnoreCase) ? BlockFp8 : null;

        /// <summary>A catalog model the id is a variant of, with the weight format its name implies (null: the base's own).</summary>
        public sealed class Match
        {
            public Match(ModelEntry entry, string? format, QuantizationScheme? scheme, string reason)
            {
                Entry = entry;
                Format = format;
                Scheme = scheme;
                Reason = reason;
            }

            public ModelEntry Entry { get; }
            public string? Format { get; }

            /// <summary>The format's scales when the name fixes them (<see cref="SchemeOf"/>); null leaves the format's usual ones.</summary>
            public QuantizationScheme? Scheme { get; }
            public string Reason { get; }
        }

        /// <summary>True when the id's name ends in a quantization suffix (-FP8, -AWQ, -NVFP4-v2, ...): someone chose that format.</summary>
        public static bool NamesAFormat(string id)
        {
            string name = id.Trim();
            StripFormat(name.Substring(name.LastIndexOf('/') + 1), out string? format, out _);
            return format != null;
        }

        private static readonly System.Text.RegularExpressions.Regex Reissue =
            new System.Text.RegularExpressions.Regex("^(.+)-v[0-9]{1,2}$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>
        /// The model name without a quantization suffix, and the format the suffix names (null when none). NVIDIA re-issues
        /// its quantized uploads as -v2, -v3 (nvidia/DeepSeek-R1-0528-FP4-v2); a -V3 that ends a model's own name stays.
        /// </summary>
        private static string StripFormat(string name, out string? format, out string? suffix)
        {
            format = null;
            suffix = null;
            var reissue = Reissue.Match(name);
            if (reissue.Success && QuantizationSuffixes.Any(q => reissue.Groups[1].Value.EndsWith(q.Suffix, StringComparison.OrdinalIgnoreCase))) name = reissue.Groups[1].Value;
            foreach (var (q, f) in QuantizationSuffixes)
            {
                if (name.EndsWith(q, StringComparison.OrdinalIgnoreCase))
                {
                    format = f;
                    suffix = q;
                    return name.Substring(0, name.Length - q.Length);
                }
            }
            return name;
        }

        /// <summary>True when the catalog id's name (after the organisation) is <paramref name="name"/>.</summary>
        private static bool Names(string catalogId, string name) =>
            string.Equals(catalogId.Substring(catalogId.IndexOf('/') + 1), name, StringComparison.OrdinalIgnoreCase);

        public static Match? Find(string id, HardwareCatalog catalog)
        {
            string value = id.Trim();
            if (value.Length == 0 || value.Length > 200 || value.IndexOf("://", StringComparison.Ordinal) >= 0 || value.StartsWith("/", StringComparison.Ordinal)) return null;
            int slash = value.IndexOf('/');
            if (slash <= 0 || slash != value.LastIndexOf('/')) return null;
            string org = value.Substring(0, slash), name = value.Substring(slash + 1);

            string baseName = StripFormat(name, out string? format, out string? suffix);
            if (baseName.Length == 0) return null;

            var sameName = catalog.Models.Where(e => e.Ids.Any(i => Names(i, baseName))).Distinct().ToList();
            if (sameName.Count == 0)
            {
                // NVIDIA names the unquantized release of a model it also ships as -FP8 and -NVFP4 with -BF16
                // (nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16); only when no catalog name is the base name itself.
                baseName += "-BF16";
                sameName = catalog.Models.Where(e => e.Ids.Any(i => Names(i, baseName))).Distinct().ToList();
            }
            if (sameName.Count == 0) return null;
            var sameOrg = sameName.Where(e => e.Ids.Any(i => string.Equals(i, org + "/" + baseName, StringComparison.OrdinalIgnoreCase))).ToList();
            var entry = sameOrg.Count == 1 ? sameOrg[0] : sameName.Count == 1 ? sameName[0] : null;
            if (entry == null) return null;
            // A catalog entry that is itself quantized (Qwen/Qwen3-30B-A3B-FP8) keeps its own format.
            var own = entry.Ids.FirstOrDefault(i => Names(i, baseName)) ?? entry.Id;
            string reason = format != null
                ? $"a {format} re-upload of {own} (the format from the name)"
                : $"{own} under another organisation (the same name)";
            return new Match(entry, format, SchemeOf(org, suffix), reason);
        }
    }
}
