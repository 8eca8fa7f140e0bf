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
            ("-w4a16", Formats.Int4Gptq), ("-w8a8", Formats.Int8), ("-gptq", Formats.Int4Gptq), ("-awq", Formats.Int4Awq),
            ("-nvfp4", Formats.Nvfp4), ("-mxfp4", Formats.Mxfp4), ("-fp4", Formats.Nvfp4), ("-fp8", Formats.Fp8E4M3), ("-int8", Formats.Int8), ("-int4", Formats.Int4Gptq),
        };

        /// <summary>A catalog model the id is a variant of, with the weight format its name implies (null: the base's own).</summary>
        public sealed class Match
        {
            public Match(ModelEntry entry, string? format, string reason)
            {
                Entry = entry;
                Format = format;
                Reason = reason;
            }

            public ModelEntry Entry { get; }
            public string? Format { get; }
            public string Reason { get; }
        }

        /// <summary>True when the id's name ends in a quantization suffix (-FP8, -AWQ, -NVFP4-v2, ...): someone chose that format.</summary>
        public static bool NamesAFormat(string id)
        {
            string name = id.Trim();
            StripFormat(name.Substring(name.LastIndexOf('/') + 1), out string? format);
            return format != null;
        }

        private static readonly System.Text.RegularExpressions.Regex Reissue =
            new System.Text.RegularExpressions.Regex("^(.+)-v[0-9]{1,2}$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>
        /// The model name without a quantization suffix, and the format the suffix names (null when none). NVIDIA re-issues
        /// its quantized uploads as -v2, -v3 (nvidia/DeepSeek-R1-0528-FP4-v2); a -V3 that ends a model's own name stays.
        /// </summary>
        private static string StripFormat(string name, out string? format)
        {
            format = null;
            var reissue = Reissue.Match(name);
            if (reissue.Success && QuantizationSuffixes.Any(q => reissue.Groups[1].Value.EndsWith(q.Suffix, StringComparison.OrdinalIgnoreCase))) name = reissue.Groups[1].Value;
            foreach (var (suffix, f) in QuantizationSuffixes)
            {
                if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    format = f;
                    return name.Substring(0, name.Length - suffix.Length);
                }
            }
            return name;
        }

        public static Match? Find(string id, HardwareCatalog catalog)
        {
            string value = id.Trim();
            if (value.Length == 0 || value.Length > 200 || value.IndexOf("://", StringComparison.Ordinal) >= 0 || value.StartsWith("/", StringComparison.Ordinal)) return null;
            int slash = value.IndexOf('/');
            if (slash <= 0 || slash != value.LastIndexOf('/')) return null;
            string org = value.Substring(0, slash), name = value.Substring(slash + 1);

            string baseName = StripFormat(name, out string? format);
            if (baseName.Length == 0) return null;

            var sameName = catalog.Models.Where(e => e.Ids.Any(i => string.Equals(i.Substring(i.IndexOf('/') + 1), baseName, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
            if (sameName.Count == 0) return null;
            var sameOrg = sameName.Where(e => e.Ids.Any(i => string.Equals(i, org + "/" + baseName, StringComparison.OrdinalIgnoreCase))).ToList();
            var entry = sameOrg.Count == 1 ? sameOrg[0] : sameName.Count == 1 ? sameName[0] : null;
            if (entry == null) return null;
            // A catalog entry that is itself quantized (Qwen/Qwen3-30B-A3B-FP8) keeps its own format.
            var own = entry.Ids.FirstOrDefault(i => string.Equals(i.Substring(i.IndexOf('/') + 1), baseName, StringComparison.OrdinalIgnoreCase)) ?? entry.Id;
            string reason = format != null
                ? $"a {format} re-upload of {own} (the format from the name)"
                : $"{own} under another organisation (the same name)";
            return new Match(entry, format, reason);
        }
    }
}
