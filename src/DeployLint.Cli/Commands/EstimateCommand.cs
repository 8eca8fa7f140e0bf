using System;
using System.IO;
using System.Linq;
using static DeployLint.Cli.Program;

namespace DeployLint.Cli.Commands
{
    /// <summary>`deploylint estimate FILE`: the per-GPU memory picture of each deployment, then its diagnostics.</summary>
    internal static class EstimateCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("estimate", new[] { "--format", "-f", "--color", "--explain" }.Concat(CommandHelp.LintOptions),
                "deploylint estimate FILE [options]",
                "Prints the per-GPU memory picture of each deployment in FILE, then its diagnostics.",
                "--format text|json   output format (default text)\n  --explain            the budget the way the engine logs it at start-up, each term with its source\n" +
                "  --color auto|always|never   colors only on a terminal, never with NO_COLOR",
                Run);

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            var result = ManifestLinting.LintOneFile("estimate", cl, stderr, out var display);
            if (result == null) return Usage;
            bool color = ColorPolicy.Enabled(cl.Color, !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out), Environment.GetEnvironmentVariable("NO_COLOR"));
            if (cl.Format == "json") JsonReport.WriteEstimate(stdout, result, display);
            else if (cl.Explain)
            {
                foreach (var d in result.Deployments.Where(x => x.Plan != null && x.Memory != null))
                {
                    foreach (var line in DeployLint.Estimation.BudgetExplanation.For(d.Plan!, d.Memory!)) stdout.WriteLine(TextReport.Sanitize(line));
                    stdout.WriteLine();
                    if (d.Time != null)
                    {
                        foreach (var line in DeployLint.Estimation.TimeExplanation.For(d.Plan!, d.Time, cl.Catalog.Efficiency)) stdout.WriteLine(TextReport.Sanitize(line));
                        stdout.WriteLine();
                    }
                }
                foreach (var d in result.Active) TextReport.WriteDiagnostic(stdout, d, display);
            }
            else TextReport.WriteEstimate(stdout, result, display, color);
            return result.HasErrors ? Problems : Clean;
        }
    }
}
