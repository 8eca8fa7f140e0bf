using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>One argument of a container's command line, after variable expansion, with where it was written.</summary>
    public sealed class CommandWord
    {
        public CommandWord(string text, SourceSpan span, bool isOperator = false, string? unresolved = null, string? limitExceeded = null)
        {
            Text = text;
            Span = span;
            IsOperator = isOperator;
            Unresolved = unresolved ?? TemplateExpression(text);
            LimitExceeded = limitExceeded;
        }

        /// <summary>A Helm / Go template expression ({{ .Values.tp }}) left in a value: its value is not known here.</summary>
        private static string? TemplateExpression(string text)
        {
            int open = text.IndexOf("{{", StringComparison.Ordinal);
            if (open < 0) return null;
            int close = text.IndexOf("}}", open, StringComparison.Ordinal);
            return close < 0 ? text.Substring(open) : text.Substring(open, close + 2 - open);
        }

        public string Text { get; }
        public SourceSpan Span { get; }
        public bool IsOperator { get; }

        /// <summary>The variable reference left unexpanded ($(MODEL), ${TP}), when the file does not define it.</summary>
        public string? Unresolved { get; }

        /// <summary>Why the word was left unexpanded: its expansion would pass a limit of <see cref="ExpansionBudget"/> ("" once the file's limit was reported).</summary>
        public string? LimitExceeded { get; }
    }

    /// <summary>
    /// Bounds what variable expansion may produce, per value and per file: a 124 KB Pod that repeats <c>$(A)</c> 16,000
    /// times with a 60,000-character A would otherwise expand to a billion characters.
    /// </summary>
    public sealed class ExpansionBudget
    {
        /// <summary>The same bound as a YAML value's (YamlReadLimits.MaxScalarLength): an expanded value is a value.</summary>
        public const int MaxValueLength = 64 * 1024;

        /// <summary>Characters that expansion may add over one file.</summary>
        public const int MaxFileCharacters = 1024 * 1024;

        public int Remaining { get; private set; } = MaxFileCharacters;

        private bool _exhaustionReported;

        /// <summary>Charges what an expansion added; the caller checked it against <see cref="Remaining"/> before copying.</summary>
        internal void Take(int characters) => Remaining -= Math.Max(0, characters);

        private bool _valueLimitReported;

        /// <summary>True the first time only: values past the per-value limit are reported once per file, at the first.</summary>
        internal bool ReportValueLimit()
        {
            bool first = !_valueLimitReported;
            _valueLimitReported = true;
            return first;
        }

        /// <summary>True the first time only: the file's budget is reported once, at the first value it stopped.</summary>
        internal bool ReportExhaustion()
        {
            bool first = !_exhaustionReported;
            _exhaustionReported = true;
            return first;
        }
    }

    /// <summary>
    /// Builds the argument vector a container runs: command + args as Kubernetes passes them (with <c>$(VAR)</c> expanded
    /// from the container's env), and when that is <c>sh -c SCRIPT</c>, the words of the script with <c>$VAR</c>/<c>${VAR}</c>
    /// expanded as the shell would, each word located inside the YAML string.
    /// </summary>
    public static class CommandLine
    {
        private static readonly HashSet<string> Shells = new HashSet<string>(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "zsh", "ksh" };
        private static readonly Regex KubernetesVariable = new Regex(@"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)", RegexOptions.CultureInvariant);
        private static readonly Regex ShellVariable = new Regex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);
        private static readonly Regex ShellDefault = new Regex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$", RegexOptions.CultureInvariant);

        public static List<CommandWord> Build(IReadOnlyList<YScalar> items, SourceText source, IReadOnlyDictionary<string, string> env, ExpansionBudget budget, bool kubernetesExpansion = true)
        {
            var words = new List<CommandWord>();
            for (int i = 0; i < items.Count; i++)
            {
                string program = BaseName(items[i].Value);
                if (i == 0 && Shells.Contains(program))
                {
                    int c = i + 1;
                    while (c < items.Count && !IsDashC(items[c].Value)) c++;
                    int script = c + 1;
                    if (script < items.Count && items[script].Value == "--") script++; // bash -lc -- "script": '--' ends the shell's options
                    if (script < items.Count)
                    {
                        words.AddRange(Script(items[script], source, env, budget, kubernetesExpansion));
                        return words;
                    }
                }
                string text = items[i].Value;
                string? unresolved = null;
                string? limit = null;
                if (kubernetesExpansion) text = Expand(KubernetesVariable, text, env, budget, ref unresolved, ref limit);
                words.Add(new CommandWord(text, items[i].Span, false, unresolved, limit));
            }
            return words;
        }

        /// <summary>The words of a shell script written as one YAML string (compose's <c>command: "vllm serve ..."</c> too).</summary>
        public static List<CommandWord> Script(YScalar script, SourceText source, IReadOnlyDictionary<string, string> env, ExpansionBudget budget, bool kubernetesExpansion)
        {
            var words = new List<CommandWord>();
            int cursor = 0;
            foreach (var w in ShellWords.Split(script.Value))
            {
                var span = source.Find(script.Span, w.Raw, ref cursor) ?? source.Find(script.Span, w.Text, ref cursor) ?? script.Span;
                if (w.IsOperator)
                {
                    words.Add(new CommandWord(w.Text, span, true));
                    continue;
                }
                string? unresolved = null;
                string? limit = null;
                string value = w.Text;
                if (kubernetesExpansion) value = Expand(KubernetesVariable, value, env, budget, ref unresolved, ref limit);
                if (limit == null) value = ExpandArithmetic(value, env, ref unresolved);
                if (limit == null) value = Expand(ShellVariable, value, env, budget, ref unresolved, ref limit);
                words.Add(new CommandWord(value, span, false, unresolved, limit));
            }
            return words;
        }

        private static bool IsDashC(string word) => word.Length >= 2 && word[0] == '-' && word[1] != '-' && word.IndexOf('c') > 0;

        public static string BaseName(string program)
        {
            int slash = program.LastIndexOf('/');
            return slash >= 0 ? program.Substring(slash + 1) : program;
        }

        /// <summary>
        /// Replaces the references <paramref name="pattern"/> finds ($(VAR) as Kubernetes does; $VAR, ${VAR} and ${VAR:-default}
        /// as the shell does) with their values from env. A reference to nothing is left as written and named in
        /// <paramref name="unresolved"/>; an expansion past the budget leaves the whole value as written, unknown, with the reason in <paramref name="limit"/>.
        /// </summary>
        private static string Expand(Regex pattern, string text, IReadOnlyDictionary<string, string> env, ExpansionBudget budget, ref string? unresolved, ref string? limit)
        {
            if (text.IndexOf('$') < 0) return text;
            // First the length the value would have, without copying anything: a refused expansion costs no allocation.
            long length = 0;
            int last = 0;
            bool any = false;
            for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
            {
                any = true;
                length += m.Index - last + (Value(m, env) ?? m.Value).Length;
                last = m.Index + m.Length;
            }
            if (!any) return text;
            length += text.Length - last;
            if (length > ExpansionBudget.MaxValueLength)
            {
                limit = budget.ReportValueLimit() ? $"its variables expand to more than {ExpansionBudget.MaxValueLength:N0} characters; it is not expanded (nor any other value past the limit in this file)" : "";
                unresolved = text;
                return text;
            }
            if (length - text.Length > budget.Remaining)
            {
                limit = budget.ReportExhaustion() ? $"variable expansion in this file passed {ExpansionBudget.MaxFileCharacters:N0} characters; the rest is not expanded" : "";
                unresolved = text;
                return text;
            }
            var result = new StringBuilder((int)length);
            string? missing = unresolved;
            last = 0;
            for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
            {
                result.Append(text, last, m.Index - last);
                last = m.Index + m.Length;
                string? value = Value(m, env);
                if (value == null) missing ??= m.Value;
                result.Append(value ?? m.Value);
            }
            result.Append(text, last, text.Length - last);
            budget.Take(result.Length - text.Length);
            unresolved = missing;
            return result.ToString();
        }

        /// <summary>
        /// Replaces each <c>$((expression))</c> with its value (<see cref="ShellArithmetic"/>); one that uses a variable the file
        /// does not define stays as written and is named in <paramref name="unresolved"/>.
        /// </summary>
        private static string ExpandArithmetic(string text, IReadOnlyDictionary<string, string> env, ref string? unresolved)
        {
            int start = text.IndexOf("$((", StringComparison.Ordinal);
            if (start < 0) return text;
            var result = new StringBuilder();
            int last = 0;
            while (start >= 0)
            {
                int end = ClosingParenthesis(text, start + 1);
                if (end < 0) break;
                string expression = text.Substring(start + 3, end - 1 - (start + 3));
                result.Append(text, last, start - last);
                long? value = ShellArithmetic.Evaluate(expression, env, out _);
                if (value == null)
                {
                    unresolved ??= text.Substring(start, end + 1 - start);
                    result.Append(text, start, end + 1 - start);
                }
                else
                {
                    result.Append(value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                last = end + 1;
                start = text.IndexOf("$((", last, StringComparison.Ordinal);
            }
            result.Append(text, last, text.Length - last);
            return result.ToString();
        }

        /// <summary>The index of the ')' that closes the '(' at <paramref name="open"/>, or -1.</summary>
        private static int ClosingParenthesis(string text, int open)
        {
            int depth = 0;
            for (int i = open; i < text.Length; i++)
            {
                if (text[i] == '(') depth++;
                else if (text[i] == ')' && --depth == 0) return i;
            }
            return -1;
        }

        private static string? Value(Match m, IReadOnlyDictionary<string, string> env)
        {
            string name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            if (env.TryGetValue(name, out var value)) return value;
            if (m.Value.StartsWith("${", StringComparison.Ordinal))
            {
                var fallback = ShellDefault.Match(m.Value);
                if (fallback.Success) return fallback.Groups[1].Value;
            }
            return null;
        }
    }
}
