using System.IO;
using System.Linq;

namespace DeployLint.Cli
{
    /// <summary>GitHub Actions workflow commands: one ::error / ::warning / ::notice annotation per diagnostic.</summary>
    internal static class GitHubReport
    {
        public static void Write(TextWriter output, Diagnostic d, string path)
        {
            string command = d.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            output.WriteLine($"::{command} file={Property(path)},line={d.Span.StartLine},col={d.Span.StartColumn},endLine={d.Span.EndLine},endColumn={d.Span.EndColumn},title={Property(d.Id + ": " + d.Rule.Title)}::{Data(d.Message)}");
        }

        /// <summary>Escaping of the message part (GitHub's toolkit escapeData): %, CR and LF.</summary>
        internal static string Data(string text)
        {
            string escaped = text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
            return new string(escaped.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        }

        /// <summary>Escaping of property values (escapeProperty): also ':' and ',' so user text cannot end the command.</summary>
        internal static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
    }
}
