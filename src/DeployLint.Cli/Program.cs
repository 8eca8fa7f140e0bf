using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.IO;
using DeployLint.Rules;

namespace DeployLint.Cli
{
    /// <summary>`deploylint`: check manifests, print estimates. Exit codes: 0 clean, 1 errors found, 2 bad usage or unreadable input.</summary>
    public static class Program
    {
        public const int Clean = 0;
        public const int Problems = 1;
        public const int Usage = 2;

        /// <summary>A catalog (GPUs, links, models) is read up to this size, as a referenced config.json is.</summary>
        private const long MaxCatalogBytes = DiskFileResolver.MaxReferencedFileBytes;

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            try
            {
                if (args.Length == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "help")
                {
                    stdout.Write(HelpText);
                    return args.Length == 0 ? Usage : Clean;
                }
                if (args[0] == "--version")
                {
                    stdout.WriteLine($"deploylint {VersionInfo.Version} (catalog {DeployLint.Catalog.HardwareCatalog.BuiltIn.Updated})");
                    return Clean;
                }
                var command = CommandHelp.Find(args[0]);
                if (command == null)
                {
                    stderr.WriteLine($"deploylint: unknown command '{TextReport.Sanitize(args[0])}'; commands: {string.Join(", ", CommandHelp.Names)} (see deploylint --help)");
                    return Usage;
                }
                var rest = CommandLine.ExpandResponseFiles(args.Skip(1).ToArray(), out var responseError);
                if (rest == null)
                {
                    stderr.WriteLine($"deploylint {command.Name}: {responseError}");
                    return Usage;
                }
                if (rest.TakeWhile(a => a != "--").Any(a => a == "--help" || a == "-h"))
                {
                    stdout.Write(command.Help);
                    return Clean;
                }
                var parsed = CommandLine.Parse(rest, command, out var error);
                if (parsed == null)
                {
                    stderr.WriteLine($"deploylint {command.Name}: {error}");
                    return Usage;
                }
                var repository = RepositoryConfig.Read(parsed.Root ?? RepositoryRoot.Find(Directory.GetCurrentDirectory()), stderr);
                parsed.Catalogs.InsertRange(0, repository.Catalogs);
                parsed.HuggingFaceCache = DiskFileResolver.HuggingFaceCacheFromEnvironment();
                parsed.Defaults = RepositoryConfig.WithCommandLine(repository.Defaults, args[0] == "init" ? null : parsed.Gpu, parsed.InterNode);
                if (parsed.Catalogs.Count > 0)
                {
                    var catalogFiles = new List<(string, string)>();
                    foreach (var c in parsed.Catalogs)
                    {
                        string? catalogText = FileGate.ReadText(c, FileGate.RootFor(c, parsed.Root), MaxCatalogBytes, out string refused);
                        if (catalogText == null)
                        {
                            stderr.WriteLine($"deploylint: cannot read catalog {TextReport.Sanitize(ManifestFiles.DisplayPath(c))}: {refused}");
                            return Usage;
                        }
                        catalogFiles.Add((ManifestFiles.DisplayPath(c), catalogText));
                    }
                    parsed.Catalog = DeployLint.Catalog.UserCatalog.Merge(DeployLint.Catalog.HardwareCatalog.BuiltIn, catalogFiles, parsed.CatalogProblems);
                    foreach (var d in parsed.CatalogProblems) TextReport.WriteDiagnostic(stderr, d, d.FilePath);
                    if (parsed.CatalogProblems.Any(d => d.Severity == Severity.Error)) return Problems;
                }
                if (parsed.Defaults != null) parsed.Catalog = parsed.Defaults.WithNodePools(parsed.Catalog);
                return command.Run(parsed, stdout, stderr);
            }
            catch (Exception ex)
            {
                stderr.WriteLine($"deploylint: internal error: {ex.GetType().Name}: {ex.Message}");
                return Usage;
            }
        }

        private const string HelpText = @"deploylint - checks LLM inference deployment plans before they ship

usage:
  deploylint check PATH... [--format text|json|sarif|github|markdown|codeclimate|junit] [--ignore DPLnnnn[,..]] [--severity DPLnnnn=error|warning|info|none] [--root DIR]
      Lints manifests (files, or folders searched for *.deploy.yaml / *.deploy.yml).
  deploylint estimate FILE [--format text|json] [--color auto|always|never] [--root DIR]
      check, estimate and suggest take --gpu ID and --inter-node ID: the GPU and network for files that do not name them
      (over deploylint.yaml's defaults: { gpu, interNode } and nodePools: [{ selector: { LABEL: VALUE }, gpu: ID }]).
      Prints the per-GPU memory picture of each deployment in FILE, then its diagnostics. Colors only on a terminal, never with NO_COLOR.
      --explain prints the budget the way the engine logs it at start-up, each term with where it comes from.
  deploylint explain DPLnnnn
      Prints the rule's page.
  deploylint init --model ID --gpu ID [--out FILE]
  deploylint models pull ORG/NAME[@REVISION]... [--root DIR]
      Fetches config.json (and model.safetensors.index.json) from the Hugging Face Hub (HF_ENDPOINT, HF_TOKEN) into
      .deploylint/models/ORG/NAME/ with the commit it resolved; check, the build and the analyzer then use it offline.
      Writes a commented starter manifest for a catalog model on a catalog GPU.
  deploylint compare FILE... [--format text|json|markdown]
      Puts the deployments side by side (memory, KV capacity, TTFT, TPOT, tokens/s per GPU, diagnostics), best marked.
  deploylint plan --model ID --gpu ID[,ID...] [--context N] [--concurrency N] [--ttft-ms MS] [--tpot-ms MS] [--write FILE]
      For each GPU type the smallest deployment whose best layout meets the targets, ranked; --write writes the winner.
  deploylint suggest FILE [--format text|json] [--top N]
      Ranks every (TP, PP, DP, EP) layout the declared GPUs allow: feasibility, targets, tokens/s per GPU, TTFT.
  deploylint rules
      Lists every rule with its default severity.
  Common options: --catalog FILE (repeatable) merges user GPUs, links and models over the built-in catalog;
  --max-file-size SIZE (default 4MiB) refuses larger manifests with DPL0015.
  deploylint --version
  deploylint COMMAND --help   a command's own options; -- ends options, @FILE reads arguments from FILE
  deploylint completion bash|zsh|fish   a shell completion script
  deploylint lsp [--root DIR]   the language server on stdin/stdout, for editors (VS Code, Neovim, JetBrains)

exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
";
    }
}
