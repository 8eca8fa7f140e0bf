using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DeployLint.Catalog;

namespace DeployLint.Cli.Lsp
{
    /// <summary>Completion by the key the cursor's line is a value of: catalog GPU, model and link ids, engines and formats; top-level manifest keys at column 0.</summary>
    internal static class Completions
    {
        private const int Value = 12;
        private const int Property = 10;

        private static readonly string[] Engines = { "vllm", "sglang", "trtllm", "generic" };
        private static readonly string[] WeightFormats = { "bf16", "fp16", "fp8-e4m3", "fp8-e5m2", "int8", "int4-awq", "int4-gptq", "nvfp4", "mxfp4" };

        public static IReadOnlyList<CompletionItem> At(string text, Position position, HardwareCatalog catalog)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            if (position.Line < 0 || position.Line >= lines.Length) return new CompletionItem[0];
            string line = lines[position.Line];
            string before = line.Substring(0, System.Math.Min(position.Character, line.Length));
            var key = Regex.Match(before, @"(?:^|[{,]\s*|^\s*-?\s*)(?<key>[A-Za-z][\w./-]*):\s*[^,}]*$");
            if (key.Success)
            {
                string name = key.Groups["key"].Value;
                switch (name)
                {
                    case "gpu":
                    case "deploylint.io/gpu":
                        return catalog.Gpus.Select(g => new CompletionItem(g.Id, Value, g.Name)).ToList();
                    case "id":
                    case "deploylint.io/model":
                        return catalog.ModelIds.OrderBy(m => m).Select(m => new CompletionItem(m, Value, "catalog model")).ToList();
                    case "interNode":
                    case "intraNode":
                    case "deploylint.io/inter-node":
                        return catalog.Links.Select(l => new CompletionItem(l.Id, Value, l.Name)).ToList();
                    case "engine":
                        return Engines.Select(e => new CompletionItem(e, Value, "serving engine")).ToList();
                    case "weights":
                        return WeightFormats.Select(f => new CompletionItem(f, Value, "weight format")).ToList();
                }
                return new CompletionItem[0];
            }
            var partialKey = Regex.Match(before, @"^(?<indent>[ ]*)(?:-[ ]+)?[A-Za-z]*$");
            if (!partialKey.Success) return new CompletionItem[0];
            int indent = partialKey.Groups["indent"].Value.Length;
            string? section = null;
            if (indent > 0)
            {
                // The section is the nearest line above with less indentation that opens a mapping ("hardware:").
                for (int i = position.Line - 1; i >= 0; i--)
                {
                    var parent = Regex.Match(lines[i], @"^(?<indent>[ ]*)(?<key>[A-Za-z]+):\s*(#.*)?$");
                    if (lines[i].Trim().Length == 0 || lines[i].Length - lines[i].TrimStart().Length >= indent) continue;
                    if (!parent.Success) return new CompletionItem[0];
                    section = parent.Groups["key"].Value;
                    break;
                }
                if (section == null) return new CompletionItem[0];
            }
            return Manifests.ManifestBinder.KeysOf(section).Select(k => new CompletionItem(k, Property, section == null ? "manifest key" : section + " key")).ToList();
        }
    }
}
