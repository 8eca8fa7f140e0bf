using System.Collections.Generic;
using System.IO;
using System.Linq;
using static DeployLint.Cli.Program;

namespace DeployLint.Cli.Commands
{
    /// <summary>`deploylint suggest FILE`: every layout the declared GPUs allow, ranked.</summary>
    internal static class SuggestCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("suggest", new[] { "--format", "-f", "--top", "--objective" }.Concat(CommandHelp.LintOptions),
                "deploylint suggest FILE [options]",
                "Ranks every (TP, PP, DP, EP) layout the declared GPUs allow: feasibility, targets, tokens/s per GPU, TTFT.",
                "--format text|json   output format (default text)\n  --top N              layouts to print (default 10)\n" +
                "  --objective cost|throughput|latency   rank the feasible layouts by cost per output token (needs a price), tokens/s per GPU or TPOT",
                Run);

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            var result = ManifestLinting.LintOneFile("suggest", cl, stderr, out var display);
            if (result == null) return Usage;
            var catalog = cl.Catalog;
            var ranked = result.Deployments.Where(d => d.Plan != null && d.Plan.HardwareKnown).Select(d => (d, Ranked(Planning.LayoutPlanner.Enumerate(d.Plan!, catalog), cl.Objective))).ToList();
            if (cl.Format == "json")
            {
                using var stream = new MemoryStream();
                using (var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartArray();
                    foreach (var (d, layouts) in ranked) SuggestReport.WriteJson(w, d, layouts);
                    w.WriteEndArray();
                }
                stdout.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                foreach (var d in result.Diagnostics.Where(x => x.Severity == Severity.Error && !x.IsSuppressed && result.Deployments.All(dep => dep.Plan == null || !dep.Diagnostics.Contains(x))))
                {
                    TextReport.WriteDiagnostic(stdout, d, display);
                }
                foreach (var (d, layouts) in ranked) SuggestReport.WriteText(stdout, d, layouts, cl.Top);
            }
            if (ranked.Count == 0)
            {
                foreach (var d in result.Active) TextReport.WriteDiagnostic(stderr, d, display);
                return Problems;
            }
            return ranked.All(r => r.Item2.Any(c => c.Feasible)) ? Clean : Problems;
        }

        /// <summary>suggest's ranking: the planner's own (feasible, targets, tokens/s per GPU) or, with --objective, feasible first then cost per output token, tokens/s per GPU or TPOT.</summary>
        private static IReadOnlyList<Planning.LayoutCandidate> Ranked(IReadOnlyList<Planning.LayoutCandidate> layouts, string objective)
        {
            if (objective == "gpus") return layouts;
            var feasible = layouts.Where(c => c.Feasible).OrderByDescending(c => c.MeetsTargets);
            IEnumerable<Planning.LayoutCandidate> ordered = objective switch
            {
                "cost" => feasible.ThenBy(c => Estimation.CostEstimate.Of(c.Plan, c.Time)?.PerMillionOutputTokens ?? double.MaxValue),
                "latency" => feasible.ThenBy(c => c.Time.TpotSeconds).ThenBy(c => c.Time.TtftSeconds),
                _ => feasible.ThenByDescending(c => c.TokensPerSecondPerGpu),
            };
            return ordered.Concat(layouts.Where(c => !c.Feasible)).ToList();
        }
    }
}
