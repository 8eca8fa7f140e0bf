using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace DeployLint.Cli
{
    /// <summary>A pull-request comment / job summary: verdicts per deployment, then each one's per-GPU memory as a Mermaid chart and a table.</summary>
    internal static class MarkdownReport
    {
        public static void Write(TextWriter output, IReadOnlyList<(LintResult Result, string Path)> files)
        {
            var deployments = files.SelectMany(f => f.Result.Deployments.Select(d => (Deployment: d, f.Path))).ToList();
            int errors = files.Sum(f => f.Result.Active.Count(d => d.Severity == Severity.Error));
            int warnings = files.Sum(f => f.Result.Active.Count(d => d.Severity == Severity.Warning));
            output.WriteLine("## DeployLint");
            output.WriteLine();
            output.WriteLine($"{files.Count} file(s), {deployments.Count} deployment(s): **{errors} error(s)**, {warnings} warning(s).");
            output.WriteLine();
            output.WriteLine("| Deployment | File | GPUs | Layout | Weights / GPU | KV cache / GPU | TTFT | TPOT | Verdict |");
            output.WriteLine("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- |");
            foreach (var (d, path) in deployments)
            {
                var p = d.Plan;
                var m = d.Memory;
                var t = d.Time;
                output.WriteLine($"| {Escape(d.Name)} | `{Code(path)}` | {(p == null ? "-" : $"{p.TotalGpus} x {(p.HardwareKnown ? p.Gpu.Id : "unknown GPU")}")} | {(p == null ? "-" : p.Layout)} | " +
                                 $"{(m == null ? "-" : Units.GiB(m.WeightsBytes))} | {(m == null ? "-" : Units.GiB(m.KvCacheBytes))} | {(t == null ? "-" : Units.Milliseconds(t.TtftSeconds))} | {(t == null ? "-" : Units.Milliseconds(t.TpotSeconds))} | {Verdict(d.Diagnostics)} |");
            }
            foreach (var f in files)
            {
                var inDeployments = new HashSet<Diagnostic>(f.Result.Deployments.SelectMany(x => x.Diagnostics));
                var fileLevel = f.Result.Active.Where(x => !inDeployments.Contains(x)).ToList();
                if (fileLevel.Count == 0) continue;
                output.WriteLine();
                output.WriteLine($"### `{Code(f.Path)}`");
                output.WriteLine();
                foreach (var x in fileLevel) WriteDiagnostic(output, x, f.Path);
            }
            foreach (var (d, path) in deployments)
            {
                output.WriteLine();
                output.WriteLine($"### {Escape(d.Name)}");
                output.WriteLine();
                var m = d.Memory;
                if (m != null)
                {
                    double free = System.Math.Max(0, m.CapacityBytes - m.WeightsBytes - m.KvCacheBytes - m.ActivationBytes - m.OverheadBytes - m.CudaGraphReserveBytes);
                    var parts = new (string Label, double Bytes)[]
                    {
                        ("weights", m.WeightsBytes), ("KV cache", m.KvCacheBytes), ("activations", m.ActivationBytes), ("overhead", m.OverheadBytes), ("CUDA graphs", m.CudaGraphReserveBytes), ("free", free),
                    };
                    double max = System.Math.Ceiling(m.CapacityBytes / Units.GiBBytes / 10) * 10;
                    output.WriteLine("```mermaid");
                    output.WriteLine("xychart-beta");
                    output.WriteLine($"    title \"Per-GPU memory (GiB) of {Mermaid(d.Plan?.Gpu.Id ?? "")}, {Mermaid(Units.GiB(m.CapacityBytes))} total\"");
                    output.WriteLine("    x-axis [" + string.Join(", ", parts.Select(x => "\"" + x.Label + "\"")) + "]");
                    output.WriteLine($"    y-axis \"GiB\" 0 --> {max.ToString(CultureInfo.InvariantCulture)}");
                    output.WriteLine("    bar [" + string.Join(", ", parts.Select(x => (x.Bytes / Units.GiBBytes).ToString("0.##", CultureInfo.InvariantCulture))) + "]");
                    output.WriteLine("```");
                    output.WriteLine();
                    output.WriteLine("| Per GPU | GiB |");
                    output.WriteLine("| --- | ---: |");
                    foreach (var (label, bytes) in parts) output.WriteLine($"| {label} | {(bytes / Units.GiBBytes).ToString("0.00", CultureInfo.InvariantCulture)} |");
                    output.WriteLine($"| **capacity** | **{(m.CapacityBytes / Units.GiBBytes).ToString("0.00", CultureInfo.InvariantCulture)}** |");
                    output.WriteLine();
                }
                if (d.Diagnostics.Any(x => !x.IsSuppressed)) foreach (var x in d.Diagnostics.Where(x => !x.IsSuppressed)) WriteDiagnostic(output, x, path);
                else output.WriteLine("No findings.");
            }
        }

        private static void WriteDiagnostic(TextWriter output, Diagnostic d, string path)
        {
            string icon = d.Severity == Severity.Error ? ":x:" : d.Severity == Severity.Warning ? ":warning:" : ":information_source:";
            output.WriteLine($"- {icon} [{d.Id}]({d.Rule.HelpUri}) `{Code(path)}:{d.Line}:{d.Column}` {Escape(d.Message)}");
        }

        private static string Verdict(IReadOnlyList<Diagnostic> diagnostics)
        {
            int e = diagnostics.Count(d => !d.IsSuppressed && d.Severity == Severity.Error);
            int w = diagnostics.Count(d => !d.IsSuppressed && d.Severity == Severity.Warning);
            if (e > 0) return $":x: {e} error(s)";
            return w > 0 ? $":warning: {w} warning(s)" : ":white_check_mark: passes";
        }

        /// <summary>User text in Markdown: no HTML, no table breaks, no emphasis or links injected.</summary>
        internal static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (char.IsControl(c)) { sb.Append(' '); continue; }
                if ("\\`*_{}[]()<>#+!|~".IndexOf(c) >= 0) sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static string Code(string text) => new string(text.Where(c => !char.IsControl(c) && c != '`').ToArray());

        private static string Mermaid(string text) => new string(text.Where(c => c != '"' && !char.IsControl(c)).ToArray());
    }
}
