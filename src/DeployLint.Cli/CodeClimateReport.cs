using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DeployLint.Cli
{
    /// <summary>
    /// GitLab Code Quality (Code Climate issue subset): a JSON array of issues with description, check_name, fingerprint,
    /// severity (error major, warning minor, info info) and location.path / lines.begin, paths relative to the repository.
    /// The fingerprint is the SARIF one: the rule, the file and the flagged line's text, so unrelated edits keep it.
    /// </summary>
    internal static class CodeClimateReport
    {
        public static void Write(TextWriter output, IReadOnlyList<(LintResult Result, string Path, string Text)> files)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }))
            {
                w.WriteStartArray();
                foreach (var (result, path, text) in files)
                {
                    string relative = path.Replace('\\', '/');
                    var lines = text.Split('\n');
                    foreach (var d in result.Active)
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "issue");
                        w.WriteString("check_name", d.Id);
                        w.WriteString("description", $"{d.Id}: {d.Message}");
                        w.WriteStartArray("categories");
                        w.WriteStringValue(d.Severity == DeployLint.Severity.Error ? "Bug Risk" : "Performance");
                        w.WriteEndArray();
                        w.WriteString("fingerprint", SarifReport.Fingerprint(d, relative, lines).Replace(":", ""));
                        w.WriteString("severity", SeverityName(d.Severity));
                        w.WriteStartObject("location");
                        w.WriteString("path", relative);
                        w.WriteStartObject("lines");
                        w.WriteNumber("begin", System.Math.Max(1, d.Span.StartLine));
                        w.WriteNumber("end", System.Math.Max(1, d.Span.EndLine));
                        w.WriteEndObject();
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                }
                w.WriteEndArray();
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }

        internal static string SeverityName(DeployLint.Severity severity) => severity switch
        {
            DeployLint.Severity.Error => "major",
            DeployLint.Severity.Warning => "minor",
            _ => "info",
        };
    }
}
