using System;
using System.Collections.Generic;
using System.Linq;

namespace DeployLint.Cli
{
    /// <summary>Each command's options and help: one table drives `COMMAND --help` and the usage error for an option the command does not take.</summary>
    internal sealed class CommandHelp
    {
        private static readonly string[] LintOptions = { "--catalog", "--max-file-size", "--root", "--ignore", "--severity", "--gpu", "--inter-node", "--price" };

        private static readonly CommandHelp[] Commands =
        {
            new CommandHelp("check", new[] { "--format", "-f", "--fail-on" }.Concat(LintOptions),
                "deploylint check PATH... [options]",
                "Lints deployment files: DeployLint manifests, Kubernetes workloads, LeaderWorkerSet, KServe, Dynamo, Helm values,\n" +
                "compose files (files, or folders searched for them). Exit 1 when an error is found.",
                "--format text|json|sarif|github|markdown|codeclimate|junit   output format (default text)\n  --fail-on error|warning|none   what makes the exit code 1 (default error)"),
            new CommandHelp("estimate", new[] { "--format", "-f", "--color", "--explain" }.Concat(LintOptions),
                "deploylint estimate FILE [options]",
                "Prints the per-GPU memory picture of each deployment in FILE, then its diagnostics.",
                "--format text|json   output format (default text)\n  --explain            the budget the way the engine logs it at start-up, each term with its source\n" +
                "  --color auto|always|never   colors only on a terminal, never with NO_COLOR"),
            new CommandHelp("suggest", new[] { "--format", "-f", "--top", "--objective" }.Concat(LintOptions),
                "deploylint suggest FILE [options]",
                "Ranks every (TP, PP, DP, EP) layout the declared GPUs allow: feasibility, targets, tokens/s per GPU, TTFT.",
                "--format text|json   output format (default text)\n  --top N              layouts to print (default 10)\n" +
                "  --objective cost|throughput|latency   rank the feasible layouts by cost per output token (needs a price), tokens/s per GPU or TPOT"),
            new CommandHelp("compare", new[] { "--format", "-f" }.Concat(LintOptions),
                "deploylint compare FILE... [options]",
                "Puts the deployments of the files side by side, one column each: GPUs, memory per GPU, KV capacity, requests at\n" +
                "maxModelLen, TTFT, TPOT, tokens/s per replica and per GPU, diagnostics; marks the better value of each row.",
                "--format text|json|markdown   output format (default text; markdown for a pull-request comment)"),
            new CommandHelp("plan", new[] { "--model", "--gpu", "--weights", "--engine", "--gpus-per-node", "--max-nodes", "--context", "--concurrency",
                    "--input-tokens", "--output-tokens", "--ttft-ms", "--tpot-ms", "--out", "-o", "--write", "--force", "--format", "-f", "--inter-node", "--catalog", "--root",
                    "--price", "--objective" },
                "deploylint plan --model ID --gpu ID[,ID...] [options]",
                "For each GPU type, the smallest deployment (1, 2, 4 ... GPUs in a node, then 2, 4 ... nodes) whose best layout fits\n" +
                "and meets the targets, with the reason; the GPU types ranked by GPUs needed, then output tokens/s per GPU.",
                "--weights FORMAT        weight format (default the checkpoint's)\n  --engine vllm|sglang|trtllm\n" +
                "  --gpus-per-node N       GPUs per node (default 8 on NVLink parts, else 4)\n  --max-nodes N           (default 4)\n" +
                "  --context N             maxModelLen (default 8192)\n  --concurrency N         sequences per replica (default 16)\n" +
                "  --input-tokens N, --output-tokens N   the request shape (default 2048 / 512)\n" +
                "  --ttft-ms MS, --tpot-ms MS            latency targets\n  --inter-node ID         network between nodes (default ib-ndr-400 for NVLink parts)\n" +
                "  --write FILE            write the winner as a manifest (never overwrites without --force)\n" +
                "  --price GPU=PRICE       price per GPU-hour (repeatable; over deploylint.yaml prices:)\n" +
                "  --objective gpus|cost|throughput|latency   the ranking (default gpus: fewest GPUs, then tokens/s per GPU)\n  --format text|json"),
            new CommandHelp("init", new[] { "--model", "--gpu", "--out", "-o", "--catalog", "--root" },
                "deploylint init --model ID --gpu ID [--out FILE]",
                "Writes a commented starter manifest for a catalog model on a catalog GPU.",
                "--model ID   a catalog model\n  --gpu ID     a catalog GPU\n  --out FILE   where to write (default stdout); never overwrites"),
            new CommandHelp("models", new[] { "--root" },
                "deploylint models pull ORG/NAME[@REVISION]... [--root DIR]",
                "Fetches config.json (and model.safetensors.index.json) from the Hugging Face Hub (HF_ENDPOINT, HF_TOKEN) into\n" +
                ".deploylint/models/ORG/NAME/ with the commit it resolved; check, the build and the analyzer then use it offline.",
                "--root DIR   the repository root (default: the nearest folder with deploylint.yaml or .git)"),
            new CommandHelp("completion", Array.Empty<string>(), "deploylint completion bash|zsh|fish",
                "Prints a shell completion script: commands, options, and catalog GPU, model and link ids after --gpu, --model and\n" +
                "--inter-node. bash: source <(deploylint completion bash); zsh: the same with zsh; fish: deploylint completion fish | source.", ""),
            new CommandHelp("rules", Array.Empty<string>(), "deploylint rules", "Lists every rule with its default severity.", ""),
            new CommandHelp("explain", Array.Empty<string>(), "deploylint explain DPLnnnn", "Prints the rule's page.", ""),
        };

        private static readonly HashSet<string> AllOptions = new HashSet<string>(Commands.SelectMany(c => c._options), StringComparer.Ordinal);

        private readonly HashSet<string> _options;

        private CommandHelp(string name, IEnumerable<string> options, string usage, string description, string ownOptions)
        {
            Name = name;
            _options = new HashSet<string>(options, StringComparer.Ordinal);
            bool lints = _options.Contains("--severity");
            Help = $"usage: {usage}\n\n{description}\n" +
                   (ownOptions.Length > 0 || lints ? "\noptions:\n" : "") +
                   (ownOptions.Length > 0 ? "  " + ownOptions + "\n" : "") +
                   (lints
                       ? "  --gpu ID, --inter-node ID   the GPU and network for files that do not name them (over deploylint.yaml)\n" +
                         "  --ignore DPLnnnn[,..]       hide rules\n" +
                         "  --severity DPLnnnn=error|warning|info|none\n" +
                         "  --catalog FILE              merge user GPUs, links and models over the built-in catalog (repeatable)\n" +
                         "  --max-file-size SIZE        refuse larger files with DPL0015 (default 4MiB)\n" +
                         "  --price GPU=PRICE           price per GPU-hour for cost figures (repeatable; over deploylint.yaml prices:)\n" +
                         "  --root DIR                  the repository root reads are confined to\n"
                       : "") +
                   "  --help, -h                  this help\n" +
                   "\nArguments after -- are paths even when they start with '-'; @FILE reads arguments from FILE, one per line.\n" +
                   "exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.\n";
        }

        public string Name { get; }
        public string Help { get; }

        public static IEnumerable<string> Names => Commands.Select(c => c.Name);

        public static CommandHelp? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);

        public static bool IsKnownOption(string option) => AllOptions.Contains(option);

        public bool Takes(string option) => _options.Contains(option);

        /// <summary>The options this command takes, for completion scripts.</summary>
        public IEnumerable<string> Options => _options.OrderBy(o => o, StringComparer.Ordinal);
    }
}
