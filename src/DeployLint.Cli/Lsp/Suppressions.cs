using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace DeployLint.Cli.Lsp
{
    /// <summary>
    /// The code action behind every diagnostic: a `suppress:` entry for the rule in a DeployLint manifest, with a reason for
    /// the user to write (DPL0011 reports a suppression without one). Appended to the manifest's `suppress:` list when it has
    /// one, else added as a new list at the end of the document.
    /// </summary>
    internal static class Suppressions
    {
        private const string ReasonPlaceholder = "<why this plan is acceptable>";

        public static TextEdit? Add(string text, string ruleId)
        {
            if (!Regex.IsMatch(ruleId, "^DPL[0-9]{4}$")) return null;
            var lines = text.Replace("\r\n", "\n").Split('\n');
            if (!lines.Any(l => Regex.IsMatch(l, @"^kind:\s*InferenceDeployment\s*(#.*)?$"))) return null;
            string entry = $"  - {{ rule: {ruleId}, reason: \"{ReasonPlaceholder}\" }}\n";
            int suppress = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^suppress:\s*(#.*)?$"));
            if (suppress >= 0)
            {
                var at = new Position(suppress + 1, 0);
                return new TextEdit(new Range(at, at), entry);
            }
            int last = lines.Length - 1;
            var end = new Position(last, lines[last].Length);
            string prefix = lines[last].Length > 0 ? "\n" : "";
            return new TextEdit(new Range(end, end), prefix + "suppress:\n" + entry);
        }
    }
}
