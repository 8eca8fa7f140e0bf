using System;
using System.Collections.Generic;
using System.Linq;

namespace DeployLint.Manifests.Readers
{
    /// <summary>An option of an engine command line: the flag as written and its value (null for a switch).</summary>
    public sealed class EngineOption
    {
        public EngineOption(CommandWord flag, string name, CommandWord? value, string? inlineValue)
        {
            Flag = flag;
            Name = name;
            Value = value;
            InlineValue = inlineValue;
        }

        public CommandWord Flag { get; }

        /// <summary>Lower case, dashes only: --pipeline_parallel_size and --pipeline-parallel-size are the same option.</summary>
        public string Name { get; }
        public CommandWord? Value { get; }
        public string? InlineValue { get; }

        public string? Text => InlineValue ?? Value?.Text;
        public Yaml.SourceSpan Span => Value?.Span ?? Flag.Span;
        public string? Unresolved => InlineValue != null ? Flag.Unresolved : Value?.Unresolved;
        public string? LimitExceeded => InlineValue != null ? Flag.LimitExceeded : Value?.LimitExceeded;
    }

    /// <summary>A serving engine launched by a command line: vLLM, SGLang or TensorRT-LLM (directly or through NVIDIA Dynamo).</summary>
    public sealed class EngineInvocation
    {
        private static readonly HashSet<string> Switches = new HashSet<string>(StringComparer.Ordinal)
        {
            "enforce-eager", "trust-remote-code", "is-prefill-worker", "is-decode-worker", "headless", "skip-tokenizer-init",
            "enable-expert-parallel", "enable-dp-attention", "disable-log-requests", "disable-log-stats", "disable-custom-all-reduce",
            "disable-radix-cache", "disable-cuda-graph", "async-scheduling", "use-v2-block-manager", "api-server-count-auto",
            "enable-ep-moe", "enable-deepep-moe", "enable-torch-compile", "enable-metrics", "kv-cache-fp8", "no-enable-prefix-caching",
            "enable-prefix-caching", "enable-chunked-prefill", "enable-auto-tool-choice", "enable-lora", "enable-eplb",
            "enable-piecewise-cuda-graph", "disable-piecewise-cuda-graph",
        };

        private EngineInvocation(string engine, string launcher)
        {
            Engine = engine;
            Launcher = launcher;
        }

        /// <summary>vllm, sglang or trtllm.</summary>
        public string Engine { get; }

        /// <summary>How it was started, for messages: "vllm serve", "python -m sglang.launch_server", "python -m dynamo.vllm".</summary>
        public string Launcher { get; }

        public CommandWord? PositionalModel { get; private set; }
        public List<EngineOption> Options { get; } = new List<EngineOption>();

        /// <summary>The last occurrence of any of the names (argparse keeps the last).</summary>
        public EngineOption? Option(params string[] names)
        {
            for (int i = Options.Count - 1; i >= 0; i--)
            {
                if (names.Contains(Options[i].Name)) return Options[i];
            }
            return null;
        }

        /// <summary>Finds the engine launch among the commands of an argument vector; null when none of them starts an engine.</summary>
        public static EngineInvocation? Find(IReadOnlyList<CommandWord> words, string? implicitEngine = null)
        {
            int start = 0;
            while (start < words.Count)
            {
                int end = start;
                while (end < words.Count && !words[end].IsOperator) end++;
                var found = Parse(words, start, end);
                if (found != null) return found;
                start = end + 1;
            }
            if (implicitEngine != null && !words.Any(w => w.IsOperator) && (words.Count == 0 || words[0].Text.StartsWith("-", StringComparison.Ordinal)))
            {
                var invocation = new EngineInvocation(implicitEngine, implicitEngine == "vllm" ? "vllm serve (the image's entrypoint)" : implicitEngine);
                invocation.ReadOptions(words, 0, words.Count, positionalModel: false);
                return invocation;
            }
            return null;
        }

        private static EngineInvocation? Parse(IReadOnlyList<CommandWord> words, int start, int end)
        {
            int k = start;
            while (k < end && (IsAssignment(words[k].Text) || words[k].Text == "exec" || words[k].Text == "env" || words[k].Text == "nohup" || words[k].Text == "time")) k++;
            if (k >= end) return null;
            string program = CommandLine.BaseName(words[k].Text);
            if (program == "vllm" && k + 1 < end && words[k + 1].Text == "serve")
            {
                var inv = new EngineInvocation("vllm", "vllm serve");
                inv.ReadOptions(words, k + 2, end, positionalModel: true);
                return inv;
            }
            if (program == "trtllm-serve")
            {
                int first = k + 1 < end && words[k + 1].Text == "serve" ? k + 2 : k + 1;
                var inv = new EngineInvocation("trtllm", "trtllm-serve");
                inv.ReadOptions(words, first, end, positionalModel: true);
                return inv;
            }
            if (program.StartsWith("python", StringComparison.Ordinal))
            {
                int m = k + 1;
                while (m < end && words[m].Text.StartsWith("-", StringComparison.Ordinal) && words[m].Text != "-m") m++;
                if (m + 1 >= end || words[m].Text != "-m") return null;
                string module = words[m + 1].Text;
                string? engine = module.StartsWith("vllm.entrypoints", StringComparison.Ordinal) || module == "dynamo.vllm" || module.StartsWith("dynamo.vllm.", StringComparison.Ordinal) ? "vllm"
                    : module == "sglang.launch_server" || module == "dynamo.sglang" || module.StartsWith("dynamo.sglang.", StringComparison.Ordinal) ? "sglang"
                    : module == "dynamo.trtllm" || module.StartsWith("dynamo.trtllm.", StringComparison.Ordinal) ? "trtllm"
                    : null;
                if (engine == null) return null;
                var inv = new EngineInvocation(engine, "python -m " + module);
                inv.ReadOptions(words, m + 2, end, positionalModel: false);
                return inv;
            }
            return null;
        }

        private static bool IsAssignment(string word)
        {
            int eq = word.IndexOf('=');
            return eq > 0 && !word.StartsWith("-", StringComparison.Ordinal) && word.Substring(0, eq).All(ch => char.IsLetterOrDigit(ch) || ch == '_');
        }

        private void ReadOptions(IReadOnlyList<CommandWord> words, int start, int end, bool positionalModel)
        {
            for (int i = start; i < end; i++)
            {
                var w = words[i];
                if (!IsFlag(w.Text))
                {
                    if (positionalModel && PositionalModel == null) PositionalModel = w;
                    continue;
                }
                string body = w.Text.TrimStart('-');
                string? inline = null;
                int eq = body.IndexOf('=');
                if (eq >= 0)
                {
                    inline = body.Substring(eq + 1);
                    body = body.Substring(0, eq);
                }
                string name = body.ToLowerInvariant().Replace('_', '-');
                CommandWord? value = null;
                bool isSwitch = Switches.Contains(name) || name.StartsWith("enable-", StringComparison.Ordinal)
                    || name.StartsWith("disable-", StringComparison.Ordinal) || name.StartsWith("no-", StringComparison.Ordinal);
                if (inline == null && !isSwitch && i + 1 < end && !IsFlag(words[i + 1].Text))
                {
                    value = words[i + 1];
                    i++;
                }
                Options.Add(new EngineOption(w, name, value, inline));
            }
        }

        private static bool IsFlag(string word) =>
            word.Length > 1 && word[0] == '-' && !(char.IsDigit(word[1]) || word[1] == '.');
    }
}
