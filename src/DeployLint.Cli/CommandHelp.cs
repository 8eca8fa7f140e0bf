using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.Cli.Commands;

namespace DeployLint.Cli
{
    /// <summary>A command: its options, its help and what runs it. The commands' definitions drive `COMMAND --help`, the usage
    /// error for an option the command does not take, dispatch and completion.</summary>
    internal sealed class CommandHelp
    {
        /// <summary>The options of every command that lints files.</summary>
        public static readonly string[] LintOptions = { "--catalog", "--max-file-size", "--root", "--ignore", "--severity", "--gpu", "--inter-node", "--price" };

        private static CommandHelp[]? _commands;
        private static HashSet<string>? _allOptions;

        /// <summary>Each command declares itself in its own file (Commands/); this is the order help and completion list them.</summary>
        private static CommandHelp[] Commands => _commands ??= new[]
        {
            CheckCommand.Definition, EstimateCommand.Definition, SuggestCommand.Definition, CompareCommand.Definition,
            PlanCommand.Definition, InitCommand.Definition, ModelsCommand.Definition, CompletionCommand.Definition,
            RulesCommand.Definition, ExplainCommand.Definition, LspCommand.Definition,
        };

        private static HashSet<string> AllOptions => _allOptions ??= new HashSet<string>(Commands.SelectMany(c => c._options), StringComparer.Ordinal);

        private readonly HashSet<string> _options;
        private readonly Func<CommandLine, TextWriter, TextWriter, int> _run;

        public CommandHelp(string name, IEnumerable<string> options, string usage, string description, string ownOptions, Func<CommandLine, TextWriter, TextWriter, int> run)
        {
            Name = name;
            _run = run;
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

        /// <summary>Runs the command on its parsed command line; the exit code.</summary>
        public int Run(CommandLine commandLine, TextWriter stdout, TextWriter stderr) => _run(commandLine, stdout, stderr);
        public string Help { get; }

        public static IEnumerable<string> Names => Commands.Select(c => c.Name);

        public static CommandHelp? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);

        public static bool IsKnownOption(string option) => AllOptions.Contains(option);

        public bool Takes(string option) => _options.Contains(option);

        /// <summary>The options this command takes, for completion scripts.</summary>
        public IEnumerable<string> Options => _options.OrderBy(o => o, StringComparer.Ordinal);
    }
}
