using System;
using System.IO;
using System.Linq;
using DeployLint.Cli.Lsp;
using DeployLint.IO;

namespace DeployLint.Cli.Commands
{
    /// <summary>`deploylint lsp`: the language server on stdin/stdout, configured like check (root, deploylint.yaml, catalogs, .globalconfig).</summary>
    internal static class LspCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("lsp", CommandHelp.LintOptions,
                "deploylint lsp [--root DIR] [options]",
                "Runs the DeployLint language server on stdin/stdout (Language Server Protocol): diagnostics as you type for every YAML\n" +
                "file DeployLint reads, a hover with the per-GPU memory picture, quick fixes that add a suppression, and completion\n" +
                "of catalog GPU, model and link ids. Settings come from the repository root (deploylint.yaml, .globalconfig).",
                "",
                Run);

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            string root = cl.Root ?? RepositoryRoot.Find(Directory.GetCurrentDirectory());
            foreach (var (id, severity) in GlobalConfig.Severities(GlobalConfig.Discover(root)))
            {
                if (!cl.SeverityOverrides.ContainsKey(id)) cl.SeverityOverrides[id] = severity;
            }
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return LanguageServer.RunAsync(input, output, cl).GetAwaiter().GetResult();
        }
    }
}
