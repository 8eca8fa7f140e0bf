using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace DeployLint.Cli
{
    /// <summary>
    /// `deploylint compare`: deployments side by side, one column each, the engine's numbers per row, the better value of
    /// each comparable row marked, and what bounds each plan's decode step.
    /// </summary>
    internal static class CompareReport
    {
        private enum Better { None, Higher, Lower }

        private sealed class Row
        {
            public Row(string label, string key, Better better, Func<DeploymentResult, double?> value, Func<double, string> format)
            {
                Label = label;
                Key = key;
                Prefer = better;
                Value = value;
                Format = format;
            }

            public string Label { get; }

            /// <summary>The JSON name of the row.</summary>
            public string Key { get; }
            public Better Prefer { get; }
            public Func<DeploymentResult, double?> Value { get; }
            public Func<double, string> Format { get; }
        }

        private static readonly Row[] Rows =
        {
            new Row("GPUs per replica", "gpusPerReplica", Better.Lower, d => d.Plan == null ? (double?)null : (double)d.Plan.Tensor * d.Plan.Pipeline, v => Units.Count((long)v)),
            new Row("weights per GPU", "weightsBytesPerGpu", Better.None, d => d.Memory?.WeightsBytes, v => Units.GiB(v)),
            new Row("KV cache per GPU", "kvCacheBytesPerGpu", Better.Higher, d => d.Memory?.KvCacheBytes, v => Units.GiB(v)),
            new Row("KV tokens", "kvTokens", Better.Higher, d => d.Memory?.MaxTokensInKvCache, v => Units.Count((long)v)),
            new Row("requests at maxModelLen", "requestsAtMaxModelLen", Better.Higher, d => d.Memory?.ConcurrencyAtMaxModelLen, v => Units.Number(v, "0.0") + "x"),
            new Row("TTFT", "ttftSeconds", Better.Lower, d => d.Time?.TtftSeconds, Units.Milliseconds),
            new Row("TPOT", "tpotSeconds", Better.Lower, d => d.Time?.TpotSeconds, Units.Milliseconds),
            new Row("output tok/s per replica", "outputTokensPerSecondPerReplica", Better.Higher, d => Serves(d) ? d.Time?.TokensPerSecondPerReplica : null, v => Units.Number(v, "0")),
            new Row("output tok/s per GPU", "outputTokensPerSecondPerGpu", Better.Higher, d => Serves(d) ? d.Time?.TokensPerSecondPerGpu : null, v => Units.Number(v, "0.0")),
            new Row("cost per hour", "costPerHour", Better.Lower, d => d.Plan == null ? null : Estimation.CostEstimate.Of(d.Plan, d.Time)?.PerHour, v => Units.Number(v, "0.00")),
            new Row("cost per million output tokens", "costPerMillionOutputTokens", Better.Lower, d => d.Plan == null || !Serves(d) ? null : Estimation.CostEstimate.Of(d.Plan, d.Time)?.PerMillionOutputTokens, v => Units.Number(v, "0.000")),
            new Row("errors", "errors", Better.Lower, d => d.Diagnostics.Count(x => !x.IsSuppressed && x.Severity == Severity.Error), v => Units.Count((long)v)),
            new Row("warnings", "warnings", Better.Lower, d => d.Diagnostics.Count(x => !x.IsSuppressed && x.Severity == Severity.Warning), v => Units.Count((long)v)),
        };

        /// <summary>
        /// Whether the plan can serve its declared load at all: a memory error (weights that do not fit, a KV cache that
        /// cannot hold one request) means it cannot, so its throughput and cost per token are not compared.
        /// </summary>
        private static bool Serves(DeploymentResult d) =>
            !d.Diagnostics.Any(x => !x.IsSuppressed && x.Severity == Severity.Error && x.Id.StartsWith("DPL1", StringComparison.Ordinal));

        private static string Title(DeploymentResult d, string path) => $"{(d.Name.Length > 0 ? d.Name : "deployment")} ({path})";

        private static string Describe(DeploymentResult d)
        {
            var p = d.Plan;
            if (p == null) return "not resolved";
            string gpu = p.HardwareKnown ? $"{p.Nodes * p.GpusPerNode} x {p.Gpu.Id}" : "GPU unknown";
            return $"{p.ModelId}, {p.WeightsFormat}, {gpu}, TP {p.Tensor} x PP {p.Pipeline} x DP {p.Data}" + (p.Expert > 1 ? $", EP {p.Expert}" : "") + $", {p.EngineDescription}";
        }

        /// <summary>Index of the best column of a row, or -1 when the row has no preference, fewer than two values, or a tie.</summary>
        private static int Best(Row row, IReadOnlyList<double?> values)
        {
            if (row.Prefer == Better.None || values.Count(v => v.HasValue) < 2) return -1;
            var known = values.Select((v, i) => (v, i)).Where(x => x.v.HasValue).ToList();
            double best = row.Prefer == Better.Higher ? known.Max(x => x.v!.Value) : known.Min(x => x.v!.Value);
            var winners = known.Where(x => Math.Abs(x.v!.Value - best) <= Math.Abs(best) * 1e-9).ToList();
            return winners.Count == 1 ? winners[0].i : -1;
        }

        private static string Bound(DeploymentResult d) => d.Time == null ? "-" : d.Time.Decode.DominantName;

        public static void Write(TextWriter output, IReadOnlyList<(DeploymentResult Deployment, string Path)> columns, string format)
        {
            var values = Rows.Select(r => columns.Select(c => r.Value(c.Deployment)).ToList()).ToList();
            if (format == "json")
            {
                WriteJson(output, columns, values);
                return;
            }
            var header = new List<string> { "" };
            header.AddRange(columns.Select(c => Title(c.Deployment, c.Path)));
            var table = new List<List<string>> { new List<string> { "plan" }.Concat(columns.Select(c => Describe(c.Deployment))).ToList() };
            for (int r = 0; r < Rows.Length; r++)
            {
                int best = Best(Rows[r], values[r]);
                var cells = new List<string> { Rows[r].Label };
                for (int c = 0; c < columns.Count; c++)
                {
                    string cell = values[r][c] is double v ? Rows[r].Format(v) : "-";
                    cells.Add(c == best ? (format == "markdown" ? $"**{cell}**" : cell + " *") : cell);
                }
                table.Add(cells);
            }
            table.Add(new List<string> { "decode bound by" }.Concat(columns.Select(c => Bound(c.Deployment))).ToList());
            if (format == "markdown")
            {
                output.WriteLine("| " + string.Join(" | ", header.Select(Escape)) + " |");
                output.WriteLine("|" + string.Concat(header.Select((_, i) => i == 0 ? " --- |" : " ---: |")));
                foreach (var row in table) output.WriteLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
                output.WriteLine();
                output.WriteLine("Bold: the better value of the row.");
                return;
            }
            // Text: a legend of the plans, then a narrow table with one letter per column.
            var letters = columns.Select((_, i) => i < 26 ? ((char)('A' + i)).ToString() : "P" + (i + 1)).ToList();
            for (int c = 0; c < columns.Count; c++) output.WriteLine($"{letters[c]}  {TextReport.Sanitize(Title(columns[c].Deployment, columns[c].Path))}: {TextReport.Sanitize(Describe(columns[c].Deployment))}");
            output.WriteLine();
            var narrow = table.Skip(1).ToList();
            var head = new List<string> { "" }.Concat(letters).ToList();
            int[] widths = Enumerable.Range(0, head.Count).Select(i => Math.Max(head[i].Length, narrow.Max(row => row[i].Length))).ToArray();
            output.WriteLine(string.Join("  ", head.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))).TrimEnd());
            foreach (var row in narrow) output.WriteLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
            output.WriteLine("* the better value of the row");
        }

        private static void WriteJson(TextWriter output, IReadOnlyList<(DeploymentResult Deployment, string Path)> columns, List<List<double?>> values)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }))
            {
                w.WriteStartObject();
                w.WriteStartArray("plans");
                for (int c = 0; c < columns.Count; c++)
                {
                    var d = columns[c].Deployment;
                    w.WriteStartObject();
                    w.WriteString("name", d.Name);
                    w.WriteString("file", columns[c].Path.Replace('\\', '/'));
                    w.WriteString("plan", Describe(d));
                    w.WriteString("decodeBound", Bound(d));
                    w.WriteStartObject("values");
                    for (int r = 0; r < Rows.Length; r++)
                    {
                        if (values[r][c] is double v) w.WriteNumber(Rows[r].Key, v);
                        else w.WriteNull(Rows[r].Key);
                    }
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("best");
                for (int r = 0; r < Rows.Length; r++)
                {
                    int best = Best(Rows[r], values[r]);
                    if (best >= 0) w.WriteNumber(Rows[r].Key, best);
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        }

        private static string Escape(string text) => TextReport.Sanitize(text).Replace("|", "\\|");
    }
}
