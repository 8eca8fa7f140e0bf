using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.IO;
using DeployLint.Rules;

namespace DeployLint.Cli
{
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
