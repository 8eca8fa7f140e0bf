using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.IO;
using static DeployLint.Cli.Program;

namespace DeployLint.Cli.Commands
{
    /// <summary>`deploylint check PATH...`: lints files and folders and writes the report in the chosen format.</summary>
    internal static class CheckCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("check", new[] { "--format", "-f", "--fail-on" }.Concat(CommandHelp.LintOptions),
                "deploylint check PATH... [options]",
                "Lints deployment files: DeployLint manifests, Kubernetes workloads, LeaderWorkerSet, KServe, Dynamo, KubeAI, Helm\n" +
                "values, compose files, SkyPilot tasks (files, or folders searched for them). Exit 1 when an error is found.",
                "--format text|json|sarif|github|markdown|codeclimate|junit   output format (default text)\n  --fail-on error|warning|none   what makes the exit code 1 (default error)",
                Run);

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            if (cl.Paths.Count == 0)
            {
                stderr.WriteLine("deploylint check: give one or more manifest files or folders");
                return Usage;
            }
            var formats = new[] { "text", "json", "sarif", "github", "markdown", "codeclimate", "junit" };
            if (!formats.Contains(cl.Format))
            {
                stderr.WriteLine($"deploylint check: unknown --format '{cl.Format}' ({string.Join(", ", formats)})");
                return Usage;
            }
            var errors = new List<string>();
            var walked = new WalkCount();
            var files = ManifestFiles.Expand(cl.Paths, errors, cl.Root, walked);
            var results = new List<(LintResult, string)>();
            var texts = new List<string>();
            int exit = Clean;
            bool progress = !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error) && files.Count >= 50;
            for (int i = 0; i < files.Count; i++)
            {
                if (progress && i % 10 == 0) stderr.Write($"\rdeploylint: {i}/{files.Count} files");
                var result = ManifestLinting.LintFile(files[i], cl, stderr, out var display, out var text);
                if (result == null)
                {
                    exit = Usage;
                    continue;
                }
                bool foundByContent = !ManifestFiles.IsManifestName(files[i]) && !cl.Paths.Contains(files[i]);
                if (foundByContent && result.Deployments.Count == 0 && !result.HasErrors)
                {
                    walked.SkippedYaml++;
                    continue;
                }
                results.Add((result, display));
                texts.Add(text);
            }
            if (progress) stderr.Write("\r" + new string(' ', 40) + "\r");
            foreach (var e in errors) stderr.WriteLine($"deploylint: {e}");
            if (errors.Count > 0) exit = Usage;

            var active = results.SelectMany(r => r.Item1.Active).ToList();
            int errorCount = active.Count(d => d.Severity == Severity.Error);
            int warningCount = active.Count(d => d.Severity == Severity.Warning);
            int noteCount = active.Count(d => d.Severity == Severity.Info);
            if (cl.Format == "json")
            {
                JsonReport.WriteCheck(stdout, results, errorCount, warningCount, noteCount);
            }
            else if (cl.Format == "sarif")
            {
                SarifReport.Write(stdout, results.Select((r, i) => (r.Item1, r.Item2, texts[i])).ToList());
            }
            else if (cl.Format == "github")
            {
                foreach (var (result, display) in results)
                {
                    foreach (var d in result.Active) GitHubReport.Write(stdout, d, display);
                }
            }
            else if (cl.Format == "markdown")
            {
                MarkdownReport.Write(stdout, results);
            }
            else if (cl.Format == "codeclimate")
            {
                CodeClimateReport.Write(stdout, results.Select((r, i) => (r.Item1, r.Item2, texts[i])).ToList());
            }
            else if (cl.Format == "junit")
            {
                JUnitReport.Write(stdout, results);
            }
            else
            {
                foreach (var (result, display) in results)
                {
                    foreach (var d in result.Active) TextReport.WriteDiagnostic(stdout, d, display);
                }
                int deployments = results.Sum(r => r.Item1.Deployments.Count);
                string skipped = walked.SkippedYaml > 0 ? $"; {walked.SkippedYaml} other YAML file(s) hold no deployment DeployLint reads" : "";
                stdout.WriteLine($"{results.Count} file(s), {deployments} deployment(s): {errorCount} error(s), {warningCount} warning(s), {noteCount} note(s){skipped}");
            }
            if (exit == Usage) return Usage;
            return cl.FailOn switch
            {
                "none" => Clean,
                "warning" => errorCount + warningCount > 0 ? Problems : Clean,
                _ => errorCount > 0 ? Problems : Clean,
            };
        }
    }
}
