using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace DeployLint.Catalog
{
    /// <summary>
    /// A GPU name as people and schedulers write it (<c>H200-141GB</c>, <c>NVIDIA-H100-80GB-HBM3</c>, <c>A100 80GB PCIe</c>,
    /// <c>Tesla-V100-SXM2-16GB</c>, <c>nvidia-tesla-t4</c>), taken apart into what identifies a card: the family
    /// (<c>h100</c>, <c>rtx4090</c>), the form factor (SXM, PCIe, NVL) and the memory in GB, each when written.
    /// Vendor words, memory technology and SXM generations are dropped. MIG slices and shared (time-sliced) GPUs are not
    /// whole cards and never parse.
    /// </summary>
    public sealed class GpuSpelling
    {
        private static readonly HashSet<string> VendorWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "nvidia", "tesla", "geforce", "amd", "instinct", "oam", "hbm2", "hbm2e", "hbm3", "hbm3e", "generation", "gpu", "card",
            "ac", // "NVIDIA B300 SXM6 AC": the air-cooled board, the same GPU
        };

        private static readonly Regex Memory = new Regex(@"^(\d{1,4})(gb|g|gib)$", RegexOptions.CultureInvariant);
        private static readonly Regex Separators = new Regex(@"[\s_\-./]+", RegexOptions.CultureInvariant);

        private GpuSpelling(string family, string? form, int? memoryGB)
        {
            Family = family;
            Form = form;
            MemoryGB = memoryGB;
        }

        /// <summary>The model of the card without vendor words: h100, a100, rtx4090, rtx6000ada, mi300x, l40s.</summary>
        public string Family { get; }

        /// <summary>sxm, pcie or nvl when written; null when not.</summary>
        public string? Form { get; }

        /// <summary>The memory in GB when written (80 in H100-SXM-80GB).</summary>
        public int? MemoryGB { get; }

        public static GpuSpelling? Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > 100) return null;
            var tokens = Separators.Split(text.Trim().ToLowerInvariant()).Where(t => t.Length > 0).ToList();
            if (tokens.Contains("mig") || tokens.Contains("shared")) return null;
            string? form = null;
            int? memory = null;
            var family = new List<string>();
            foreach (var token in tokens)
            {
                if (VendorWords.Contains(token)) continue;
                if (token == "sxm" || token == "sxm2" || token == "sxm3" || token == "sxm4" || token == "sxm5" || token == "sxm6")
                {
                    form = "sxm";
                    continue;
                }
                if (token == "pcie" || token == "pci" || token == "nvl")
                {
                    form = token == "pci" ? "pcie" : token;
                    continue;
                }
                var m = Memory.Match(token);
                if (m.Success && family.Count > 0)
                {
                    memory = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    continue;
                }
                // "h100nvl" and "h100-sxm5-80gb" written as one word
                var glued = Regex.Match(token, @"^([a-z]+\d+[a-z]?)(sxm\d?|pcie|nvl)$", RegexOptions.CultureInvariant);
                if (glued.Success)
                {
                    family.Add(glued.Groups[1].Value);
                    form = glued.Groups[2].Value.StartsWith("sxm", StringComparison.Ordinal) ? "sxm" : glued.Groups[2].Value;
                    continue;
                }
                family.Add(token);
            }
            if (family.Count == 0) return null;
            return new GpuSpelling(string.Concat(family), form, memory);
        }

        /// <summary>
        /// The one catalog GPU this spelling names: same family; the written form factor and memory must match (a card
        /// made in one form only, like L40S-48GB, takes any); when the form factor is not written, SXM (the default card
        /// of a family, as the catalog's aliases have it) is preferred.
        /// Null when none or several remain.
        /// </summary>
        public GpuSpec? Match(IEnumerable<GpuSpec> gpus)
        {
            var candidates = gpus.Select(g => (Gpu: g, Spelling: Parse(g.Id)))
                .Where(c => c.Spelling != null && c.Spelling.Family == Family)
                .Where(c => Form == null || c.Spelling!.Form == null || c.Spelling.Form == Form)
                .Where(c => MemoryGB == null || c.Spelling!.MemoryGB == MemoryGB)
                .ToList();
            if (candidates.Count > 1 && Form == null)
            {
                var sxm = candidates.Where(c => c.Spelling!.Form == "sxm").ToList();
                if (sxm.Count > 0) candidates = sxm;
            }
            if (candidates.Count > 1 && MemoryGB == null)
            {
                // A100-SXM-40GB and A100-SXM-80GB: the family name alone is the card its alias names, not a guess here.
                return null;
            }
            return candidates.Count == 1 ? candidates[0].Gpu : null;
        }
    }
}
