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
                switch (args[0])
                {
                    case "check": return Check(parsed, stdout, stderr);
                    case "estimate": return Estimate(parsed, stdout, stderr);
                    case "suggest": return Suggest(parsed, stdout, stderr);
                    case "compare": return Compare(parsed, stdout, stderr);
                    case "plan": return PlanCommand.Run(parsed, stdout, stderr);
                    case "completion": return Completion.Run(parsed, stdout, stderr);
                    case "rules": return ListRules(stdout);
                    case "explain": return Explain(parsed, stdout, stderr);
                    case "init": return Init(parsed, stdout, stderr);
                    case "models": return ModelsCommand.Run(parsed, stdout, stderr);
                    default:
                        return Usage;
                }
            }
            catch (Exception ex)
            {
                stderr.WriteLine($"deploylint: internal error: {ex.GetType().Name}: {ex.Message}");
                return Usage;
            }
        }

        private static int Check(CommandLine cl, TextWriter stdout, TextWriter stderr)
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
                var result = LintFile(files[i], cl, stderr, out var display, out var text);
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

        private static int Compare(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            if (cl.Paths.Count < 1)
            {
                stderr.WriteLine("deploylint compare: give the deployment files to compare (each deployment is a column)");
                return Usage;
            }
            if (cl.Format != "text" && cl.Format != "json" && cl.Format != "markdown")
            {
                stderr.WriteLine($"deploylint compare: unknown --format '{cl.Format}' (text, json, markdown)");
                return Usage;
            }
            var columns = new List<(DeploymentResult, string)>();
            foreach (var path in cl.Paths)
            {
                if (!File.Exists(path))
                {
                    stderr.WriteLine($"deploylint compare: no such file: {TextReport.Sanitize(path)}");
                    return Usage;
                }
                var result = LintFile(path, cl, stderr, out var display, out _);
                if (result == null) return Usage;
                foreach (var d in result.Deployments) columns.Add((d, display));
            }
            if (columns.Count < 2)
            {
                stderr.WriteLine("deploylint compare: the files hold fewer than two deployments");
                return Usage;
            }
            CompareReport.Write(stdout, columns, cl.Format);
            return Clean;
        }

        private static int Estimate(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            if (cl.Paths.Count != 1 || !File.Exists(cl.Paths[0]))
            {
                stderr.WriteLine(cl.Paths.Count != 1 ? "deploylint estimate: give exactly one manifest file" : $"deploylint estimate: no such file: {cl.Paths[0]}");
                return Usage;
            }
            if (cl.Format != "text" && cl.Format != "json")
            {
                stderr.WriteLine($"deploylint estimate: unknown --format '{cl.Format}' (text, json)");
                return Usage;
            }
            var result = LintFile(cl.Paths[0], cl, stderr, out var display, out _);
            if (result == null) return Usage;
            bool color = ColorPolicy.Enabled(cl.Color, !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out), Environment.GetEnvironmentVariable("NO_COLOR"));
            if (cl.Format == "json") JsonReport.WriteEstimate(stdout, result, display);
            else if (cl.Explain)
            {
                foreach (var d in result.Deployments.Where(x => x.Plan != null && x.Memory != null))
                {
                    foreach (var line in DeployLint.Estimation.BudgetExplanation.For(d.Plan!, d.Memory!)) stdout.WriteLine(TextReport.Sanitize(line));
                    stdout.WriteLine();
                }
                foreach (var d in result.Active) TextReport.WriteDiagnostic(stdout, d, display);
            }
            else TextReport.WriteEstimate(stdout, result, display, color);
            return result.HasErrors ? Problems : Clean;
        }

        private static int Suggest(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            if (cl.Paths.Count != 1 || !File.Exists(cl.Paths[0]))
            {
                stderr.WriteLine(cl.Paths.Count != 1 ? "deploylint suggest: give exactly one manifest file" : $"deploylint suggest: no such file: {cl.Paths[0]}");
                return Usage;
            }
            if (cl.Format != "text" && cl.Format != "json")
            {
                stderr.WriteLine($"deploylint suggest: unknown --format '{cl.Format}' (text, json)");
                return Usage;
            }
            var result = LintFile(cl.Paths[0], cl, stderr, out var display, out _);
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

        private static int ListRules(TextWriter stdout)
        {
            foreach (var rule in RuleRegistry.All)
            {
                stdout.WriteLine($"{rule.Id}  {rule.DefaultSeverity.ToName(),-7}  {rule.Title}");
            }
            return Clean;
        }

        private static LintResult? LintFile(string file, CommandLine cl, TextWriter stderr, out string display, out string text)
        {
            display = ManifestFiles.DisplayPath(file);
            text = "";
            var options = new LintOptions
            {
                Files = new DiskFileResolver(cl.Root, null, cl.HuggingFaceCache),
                SeverityOverrides = cl.SeverityOverrides,
                Catalog = cl.Catalog,
                MaxFileLength = cl.MaxFileBytes,
                Defaults = cl.Defaults,
                Prices = cl.PricesByGpuId(),
            };
            var bytes = ManifestFiles.Read(file, cl.Root, options.MaxFileLength, out var problem);
            if (bytes == null)
            {
                stderr.WriteLine($"deploylint: cannot read {TextReport.Sanitize(display)}: {problem}");
                return null;
            }
            try
            {
                text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
            }
            catch (System.Text.DecoderFallbackException)
            {
                text = "";
            }
            return Linter.LintBytes(bytes, display, options);
        }

        private static int Explain(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            string id = cl.Paths.FirstOrDefault() ?? "";
            var rule = RuleRegistry.Find(id);
            using var stream = rule == null ? null : typeof(Program).Assembly.GetManifestResourceStream("rules/" + rule.Id + ".md");
            if (rule == null || stream == null)
            {
                string hint = DeployLint.Text.Nearest.DidYouMean(id, RuleRegistry.All.Select(r => r.Id));
                stderr.WriteLine($"deploylint explain: '{id}' is not a rule id{hint} (see deploylint rules)");
                return Usage;
            }
            using var reader = new StreamReader(stream);
            stdout.Write(reader.ReadToEnd());
            return Clean;
        }

        private static int Init(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            var catalog = cl.Catalog;
            var model = cl.Model == null ? null : catalog.FindModel(cl.Model);
            var gpu = cl.Gpu == null ? null : catalog.FindGpu(cl.Gpu, out _);
            if (model == null || gpu == null)
            {
                stderr.WriteLine("deploylint init: give --model (a catalog model id) and --gpu (a catalog GPU id), e.g. deploylint init --model meta-llama/Llama-3.1-8B-Instruct --gpu H100-SXM-80GB");
                if (cl.Model != null && model == null) stderr.WriteLine($"  unknown model '{cl.Model}'{DeployLint.Text.Nearest.DidYouMean(cl.Model, catalog.ModelIds)}");
                if (cl.Gpu != null && gpu == null) stderr.WriteLine($"  unknown GPU '{cl.Gpu}'{DeployLint.Text.Nearest.DidYouMean(cl.Gpu, catalog.Gpus.Select(g => g.Id))}");
                return Usage;
            }
            string? text = StarterManifest.For(model, gpu, catalog);
            if (text == null)
            {
                stderr.WriteLine($"deploylint init: no layout of up to 8 nodes of {gpu.Id} passes check for {model.Id}; try a larger GPU or a quantized checkpoint (deploylint suggest ranks layouts of a plan you write)");
                return Problems;
            }
            if (cl.Out == null)
            {
                stdout.Write(text);
                return Clean;
            }
            if (File.Exists(cl.Out))
            {
                stderr.WriteLine($"deploylint init: {cl.Out} exists; not overwriting it");
                return Usage;
            }
            File.WriteAllText(cl.Out, text);
            stdout.WriteLine($"wrote {cl.Out}");
            return Clean;
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

exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
";
    }

    /// <summary>The options shared by the commands.</summary>
    internal sealed class CommandLine
    {
        /// <summary>The built-in catalog with every --catalog merged over it.</summary>
        public DeployLint.Catalog.HardwareCatalog Catalog { get; set; } = DeployLint.Catalog.HardwareCatalog.BuiltIn;

        public List<DeployLint.Diagnostic> CatalogProblems { get; } = new List<DeployLint.Diagnostic>();
        public List<string> Paths { get; } = new List<string>();
        public string Format { get; private set; } = "text";
        public string? Root { get; private set; }
        public int Top { get; private set; } = 10;
        public List<string> Catalogs { get; } = new List<string>();
        public string Color { get; private set; } = "auto";

        // plan's options.
        public string? Weights { get; private set; }
        public string? Engine { get; private set; }
        public int? GpusPerNode { get; private set; }
        public int? MaxNodes { get; private set; }
        public long? Context { get; private set; }
        public long? Concurrency { get; private set; }
        public long? InputTokens { get; private set; }
        public long? OutputTokens { get; private set; }
        public double? TtftMs { get; private set; }
        public double? TpotMs { get; private set; }
        public bool Force { get; private set; }

        /// <summary>plan's ranking: gpus (fewest, then tokens/s per GPU), cost (per million output tokens), throughput, latency (TPOT).</summary>
        public string Objective { get; private set; } = "gpus";

        /// <summary>--price GPU=PRICE, over deploylint.yaml's prices:.</summary>
        public Dictionary<string, double> Prices { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

        /// <summary>deploylint.yaml's prices then --price, keyed by the catalog id their GPU spelling resolves to.</summary>
        public IReadOnlyDictionary<string, double>? PricesByGpuId()
        {
            var all = (Defaults?.Prices ?? new Dictionary<string, double>()).Concat(Prices).ToList();
            if (all.Count == 0) return null;
            var byId = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (gpu, price) in all) byId[Catalog.FindGpu(gpu, out _)?.Id ?? gpu] = price;
            return byId;
        }

        /// <summary>check's exit code: 1 on errors (default), on errors or warnings, or never.</summary>
        public string FailOn { get; private set; } = "error";
        public long MaxFileBytes { get; private set; } = 4L * 1024 * 1024;
        public bool Explain { get; private set; }
        public string? Model { get; private set; }
        public string? Gpu { get; private set; }
        public string? InterNode { get; private set; }
        public string? Out { get; private set; }

        /// <summary>The local Hugging Face hub cache, looked up once per run; null when there is none.</summary>
        public string? HuggingFaceCache { get; set; }

        /// <summary>deploylint.yaml's defaults, with --gpu / --inter-node over them (null when neither says anything).</summary>
        public DeployLint.Manifests.RepositoryDefaults? Defaults { get; set; }
        public Dictionary<string, Severity> SeverityOverrides { get; } = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Arguments with each @FILE replaced by the file's lines (one argument per line, blank lines and # comments skipped).</summary>
        public static string[]? ExpandResponseFiles(string[] args, out string error)
        {
            error = "";
            var expanded = new List<string>();
            bool optionsEnded = false;
            foreach (var arg in args)
            {
                if (arg == "--") optionsEnded = true;
                if (optionsEnded || !arg.StartsWith("@", StringComparison.Ordinal) || arg.Length == 1)
                {
                    expanded.Add(arg);
                    continue;
                }
                string path = arg.Substring(1);
                var info = new FileInfo(path);
                if (!info.Exists || info.Length > 1024 * 1024)
                {
                    error = $"response file '{TextReport.Sanitize(path)}' does not exist or is larger than 1 MiB";
                    return null;
                }
                foreach (var line in File.ReadAllLines(path))
                {
                    string trimmed = line.Trim();
                    if (trimmed.Length > 0 && !trimmed.StartsWith("#", StringComparison.Ordinal)) expanded.Add(trimmed);
                }
            }
            return expanded.ToArray();
        }

        public static CommandLine? Parse(string[] args, CommandHelp command, out string error)
        {
            var cl = new CommandLine();
            error = "";
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                if (arg == "--")
                {
                    for (i++; i < args.Length; i++) cl.Paths.Add(args[i]);
                    break;
                }
                string? inline = null;
                int eq = arg.IndexOf('=');
                if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
                {
                    inline = arg.Substring(eq + 1);
                    arg = arg.Substring(0, eq);
                }
                string? Value()
                {
                    if (inline != null) return inline;
                    if (i + 1 < args.Length) return args[++i];
                    return null;
                }
                if (arg.StartsWith("-", StringComparison.Ordinal) && arg.Length > 1 && CommandHelp.IsKnownOption(arg) && !command.Takes(arg))
                {
                    error = $"option '{arg}' does not apply to '{command.Name}' (see deploylint {command.Name} --help)";
                    return null;
                }
                switch (arg)
                {
                    case "--format":
                    case "-f":
                        cl.Format = Value() ?? "";
                        break;
                    case "--catalog":
                    {
                        string? file = Value();
                        if (file == null || !File.Exists(file)) { error = $"--catalog needs an existing file, got '{file}'"; return null; }
                        cl.Catalogs.Add(file);
                        break;
                    }
                    case "--explain":
                        cl.Explain = true;
                        break;
                    case "--weights":
                        cl.Weights = Value();
                        if (cl.Weights == null || !DeployLint.Estimation.Formats.WeightFormats.Contains(cl.Weights)) { error = $"--weights takes one of {string.Join(", ", DeployLint.Estimation.Formats.WeightFormats)}"; return null; }
                        break;
                    case "--engine":
                        cl.Engine = Value();
                        if (cl.Engine != "vllm" && cl.Engine != "sglang" && cl.Engine != "trtllm") { error = "--engine takes vllm, sglang or trtllm"; return null; }
                        break;
                    case "--gpus-per-node":
                    case "--max-nodes":
                    case "--context":
                    case "--concurrency":
                    case "--input-tokens":
                    case "--output-tokens":
                    {
                        if (!long.TryParse(Value(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) || n < 1 || n > 10_000_000)
                        {
                            error = $"{arg} needs a positive whole number";
                            return null;
                        }
                        if (arg == "--gpus-per-node") { if (n > 72) { error = "--gpus-per-node is at most 72"; return null; } cl.GpusPerNode = (int)n; }
                        else if (arg == "--max-nodes") { if (n > 64) { error = "--max-nodes is at most 64"; return null; } cl.MaxNodes = (int)n; }
                        else if (arg == "--context") cl.Context = n;
                        else if (arg == "--concurrency") cl.Concurrency = n;
                        else if (arg == "--input-tokens") cl.InputTokens = n;
                        else cl.OutputTokens = n;
                        break;
                    }
                    case "--ttft-ms":
                    case "--tpot-ms":
                    {
                        if (!double.TryParse(Value(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double ms) || !(ms > 0) || ms > 86_400_000)
                        {
                            error = $"{arg} needs a positive number of milliseconds";
                            return null;
                        }
                        if (arg == "--ttft-ms") cl.TtftMs = ms; else cl.TpotMs = ms;
                        break;
                    }
                    case "--price":
                    {
                        string v = Value() ?? "";
                        int split = v.IndexOf('=');
                        if (split <= 0 || !double.TryParse(v.Substring(split + 1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double usd) || !(usd > 0) || usd >= 1_000_000)
                        {
                            error = $"--price expects GPU=PRICE per GPU-hour, e.g. H100-SXM-80GB=2.49, got '{TextReport.Sanitize(v)}'";
                            return null;
                        }
                        cl.Prices[v.Substring(0, split).Trim()] = usd;
                        break;
                    }
                    case "--objective":
                        cl.Objective = Value() ?? "";
                        if (cl.Objective != "gpus" && cl.Objective != "cost" && cl.Objective != "throughput" && cl.Objective != "latency") { error = "--objective takes gpus, cost, throughput or latency"; return null; }
                        break;
                    case "--force":
                        cl.Force = true;
                        break;
                    case "--fail-on":
                        cl.FailOn = Value() ?? "";
                        if (cl.FailOn != "error" && cl.FailOn != "warning" && cl.FailOn != "none") { error = "--fail-on takes error, warning or none"; return null; }
                        break;
                    case "--max-file-size":
                        if (!DeployLint.Text.ValueParser.TryParseBytes(Value() ?? "", out var limit, out _) || limit < 1024)
                        {
                            error = "--max-file-size takes a size of at least 1KiB, e.g. 8MiB";
                            return null;
                        }
                        cl.MaxFileBytes = limit;
                        break;
                    case "--color":
                        cl.Color = Value() ?? "";
                        if (cl.Color != "auto" && cl.Color != "always" && cl.Color != "never") { error = "--color takes auto, always or never"; return null; }
                        break;
                    case "--model":
                        cl.Model = Value();
                        break;
                    case "--gpu":
                        cl.Gpu = Value();
                        break;
                    case "--inter-node":
                        cl.InterNode = Value();
                        break;
                    case "--out":
                    case "--write":
                    case "-o":
                        cl.Out = Value();
                        break;
                    case "--top":
                        if (!int.TryParse(Value(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var top) || top < 1)
                        {
                            error = "--top needs a positive whole number";
                            return null;
                        }
                        cl.Top = top;
                        break;
                    case "--root":
                        cl.Root = Value();
                        if (cl.Root == null || !Directory.Exists(cl.Root)) { error = $"--root needs an existing directory"; return null; }
                        break;
                    case "--ignore":
                        foreach (var id in (Value() ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                        {
                            if (RuleRegistry.Find(id) == null) { error = $"--ignore: '{id}' is not a rule id (see deploylint rules)"; return null; }
                            cl.SeverityOverrides[id.Trim()] = Severity.Hidden;
                        }
                        break;
                    case "--severity":
                    {
                        string v = Value() ?? "";
                        int split = v.IndexOf('=');
                        if (split <= 0 || RuleRegistry.Find(v.Substring(0, split)) == null || !SeverityNames.TryParse(v.Substring(split + 1), out var severity))
                        {
                            error = $"--severity expects DPLnnnn=error|warning|info|none, got '{v}'";
                            return null;
                        }
                        cl.SeverityOverrides[v.Substring(0, split).Trim()] = severity;
                        break;
                    }
                    default:
                        if (arg.StartsWith("-", StringComparison.Ordinal) && arg.Length > 1)
                        {
                            error = $"unknown option '{TextReport.Sanitize(arg)}' (see deploylint {command.Name} --help)";
                            return null;
                        }
                        cl.Paths.Add(args[i]);
                        break;
                }
            }
            return cl;
        }
    }
}
