using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeployLint.Rules;

namespace DeployLint.Cli
{
    /// <summary>
    /// SARIF 2.1.0 for GitHub code scanning: one run, the registry's rules, results with repo-relative locations,
    /// partial fingerprints that survive unrelated edits, and suppressions with their reason.
    /// </summary>
    internal static class SarifReport
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        /// <summary>GitHub code scanning rejects a run with more results (docs.github.com, "SARIF results exceed hard limit").</summary>
        public const int MaxResultsPerRun = 25_000;
        public static string InformationUri => ProjectLinks.Repository;

        public static void Write(TextWriter output, IReadOnlyList<(LintResult Result, string Path, string Text)> files)
        {
            var rules = RuleRegistry.All;
            var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default }))
            {
                w.WriteStartObject();
                w.WriteString("$schema", SchemaUri);
                w.WriteString("version", "2.1.0");
                w.WriteStartArray("runs");
                w.WriteStartObject();
                w.WriteStartObject("tool");
                w.WriteStartObject("driver");
                w.WriteString("name", "DeployLint");
                w.WriteString("semanticVersion", VersionInfo.Version);
                w.WriteString("informationUri", InformationUri);
                w.WriteStartArray("rules");
                foreach (var rule in rules) WriteRule(w, rule);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartObject("originalUriBaseIds");
                w.WriteStartObject("%SRCROOT%");
                w.WriteString("uri", "file:///");
                w.WriteEndObject();
                w.WriteEndObject();
                var all = files.SelectMany((f, file) => f.Result.Diagnostics.Where(x => x.Severity != Severity.Hidden).Select(d => (Diagnostic: d, File: file))).ToList();
                var kept = all.Count <= MaxResultsPerRun
                    ? all
                    : all.OrderBy(x => x.Diagnostic.IsSuppressed).ThenBy(x => SeverityRank(x.Diagnostic.Severity)).Take(MaxResultsPerRun)
                        .OrderBy(x => x.File).ToList();
                var lines = new Dictionary<int, string[]>();
                w.WriteStartArray("results");
                foreach (var (d, file) in kept)
                {
                    if (!lines.TryGetValue(file, out var fileLines)) lines[file] = fileLines = files[file].Text.Replace("\r\n", "\n").Split('\n');
                    WriteResult(w, d, files[file].Path, fileLines, index);
                }
                w.WriteEndArray();
                if (kept.Count < all.Count)
                {
                    w.WriteStartArray("invocations");
                    w.WriteStartObject();
                    w.WriteBoolean("executionSuccessful", true);
                    w.WriteStartArray("toolExecutionNotifications");
                    w.WriteStartObject();
                    w.WriteString("level", "warning");
                    w.WriteStartObject("message");
                    w.WriteString("text", $"{all.Count - kept.Count} of {all.Count} results left out, the least severe first: GitHub code scanning rejects a run with more than {MaxResultsPerRun} results. Every result is in the text, JSON and Markdown reports.");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                w.WriteString("columnKind", "utf16CodeUnits");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        }

        private static int SeverityRank(Severity severity) => severity switch
        {
            Severity.Error => 0,
            Severity.Warning => 1,
            _ => 2,
        };

        private static void WriteRule(Utf8JsonWriter w, RuleDescriptor rule)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", PascalCase(rule.Title));
            w.WriteStartObject("shortDescription");
            w.WriteString("text", rule.Title);
            w.WriteEndObject();
            w.WriteStartObject("fullDescription");
            w.WriteString("text", rule.Description);
            w.WriteEndObject();
            w.WriteString("helpUri", rule.HelpUri);
            w.WriteStartObject("help");
            w.WriteString("text", rule.Description + " See " + rule.HelpUri);
            w.WriteString("markdown", rule.Description + " [" + rule.Id + "](" + rule.HelpUri + ")");
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(rule.DefaultSeverity));
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            w.WriteStringValue("deployment");
            w.WriteStringValue(rule.Category.ToString().ToLowerInvariant());
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteResult(Utf8JsonWriter w, Diagnostic d, string path, string[] lines, Dictionary<string, int> index)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", d.Id);
            w.WriteNumber("ruleIndex", index[d.Id]);
            w.WriteString("level", Level(d.Severity));
            w.WriteStartObject("message");
            w.WriteString("text", d.Message);
            w.WriteEndObject();
            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", string.Join("/", path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString)));
            w.WriteString("uriBaseId", "%SRCROOT%");
            w.WriteEndObject();
            w.WriteStartObject("region");
            w.WriteNumber("startLine", d.Span.StartLine);
            w.WriteNumber("startColumn", d.Span.StartColumn);
            w.WriteNumber("endLine", Math.Max(d.Span.StartLine, d.Span.EndLine));
            w.WriteNumber("endColumn", d.Span.EndLine > d.Span.StartLine ? d.Span.EndColumn : Math.Max(d.Span.StartColumn + 1, d.Span.EndColumn));
            string snippet = Snippet(lines, d);
            if (snippet.Length > 0)
            {
                w.WriteStartObject("snippet");
                w.WriteString("text", snippet);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("partialFingerprints");
            w.WriteString("deployLintLocation/v1", Fingerprint(d, path, lines));
            w.WriteEndObject();
            if (d.IsSuppressed)
            {
                w.WriteStartArray("suppressions");
                w.WriteStartObject();
                w.WriteString("kind", "inSource");
                w.WriteString("justification", d.SuppressionReason);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        /// <summary>
        /// Stable across unrelated edits: the rule, the file, and the text of the flagged line (trimmed), plus how many
        /// identical lines precede it. Moving the line keeps the fingerprint; editing it changes it.
        /// </summary>
        internal static string Fingerprint(Diagnostic d, string path, string[] lines)
        {
            int lineIndex = Math.Max(0, Math.Min(lines.Length - 1, d.Span.StartLine - 1));
            string line = lines.Length == 0 ? "" : lines[lineIndex].Trim();
            int occurrence = 0;
            for (int i = 0; i < lineIndex; i++) if (lines[i].Trim() == line) occurrence++;
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(d.Id + "\n" + path.Replace('\\', '/') + "\n" + line + "\n" + occurrence));
            return string.Concat(hash.Take(16).Select(b => b.ToString("x2"))) + ":" + (occurrence + 1);
        }

        private static string Snippet(string[] lines, Diagnostic d)
        {
            int i = d.Span.StartLine - 1;
            return i >= 0 && i < lines.Length ? lines[i].TrimEnd() : "";
        }

        internal static string Level(Severity severity) => severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            Severity.Info => "note",
            _ => "none",
        };

        private static string PascalCase(string title)
        {
            var sb = new StringBuilder();
            foreach (var word in title.Split(new[] { ' ', '-', '/', '(', ')', ',', '.' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string clean = new string(word.Where(char.IsLetterOrDigit).ToArray());
                if (clean.Length == 0) continue;
                sb.Append(char.ToUpperInvariant(clean[0])).Append(clean.Substring(1));
            }
            return sb.ToString();
        }
    }
}
