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
        public CommandWord(string text, SourceSpan span, bool isOperator = false, string? unresolved = null)
        {
            Text = text;
            Span = span;
            IsOperator = isOperator;
            Unresolved = unresolved ?? TemplateExpression(text);
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

        public static List<CommandWord> Build(IReadOnlyList<YScalar> items, SourceText source, IReadOnlyDictionary<string, string> env, bool kubernetesExpansion = true)
        {
            var words = new List<CommandWord>();
            for (int i = 0; i < items.Count; i++)
            {
                string program = BaseName(items[i].Value);
                if (i == 0 && Shells.Contains(program))
                {
                    int c = i + 1;
                    while (c < items.Count && !IsDashC(items[c].Value)) c++;
                    if (c + 1 < items.Count)
                    {
                        words.AddRange(Script(items[c + 1], source, env, kubernetesExpansion));
                        return words;
                    }
                }
                string text = items[i].Value;
                string? unresolved = null;
                if (kubernetesExpansion) text = ExpandKubernetes(text, env, ref unresolved);
                words.Add(new CommandWord(text, items[i].Span, false, unresolved));
            }
            return words;
        }

        /// <summary>The words of a shell script written as one YAML string (compose's <c>command: "vllm serve ..."</c> too).</summary>
        public static List<CommandWord> Script(YScalar script, SourceText source, IReadOnlyDictionary<string, string> env, bool kubernetesExpansion)
        {
            var words = new List<CommandWord>();
            int cursor = 0;
            string text = script.Value;
            string? ignored = null;
            if (kubernetesExpansion) text = ExpandKubernetes(text, env, ref ignored);
            foreach (var w in ShellWords.Split(script.Value))
            {
                var span = source.Find(script.Span, w.Raw, ref cursor) ?? source.Find(script.Span, w.Text, ref cursor) ?? script.Span;
                if (w.IsOperator)
                {
                    words.Add(new CommandWord(w.Text, span, true));
                    continue;
                }
                string? unresolved = null;
                string value = w.Text;
                if (kubernetesExpansion) value = ExpandKubernetes(value, env, ref unresolved);
                value = ExpandShell(value, env, ref unresolved);
                words.Add(new CommandWord(value, span, false, unresolved));
            }
            return words;
        }

        private static bool IsDashC(string word) => word.Length >= 2 && word[0] == '-' && word[1] != '-' && word.IndexOf('c') > 0;

        public static string BaseName(string program)
        {
            int slash = program.LastIndexOf('/');
            return slash >= 0 ? program.Substring(slash + 1) : program;
        }

        private static string ExpandKubernetes(string text, IReadOnlyDictionary<string, string> env, ref string? unresolved)
        {
            if (text.IndexOf("$(", StringComparison.Ordinal) < 0) return text;
            string? missing = unresolved;
            string result = KubernetesVariable.Replace(text, m =>
            {
                if (env.TryGetValue(m.Groups[1].Value, out var value)) return value;
                missing ??= m.Value;
                return m.Value;
            });
            unresolved = missing;
            return result;
        }

        private static string ExpandShell(string text, IReadOnlyDictionary<string, string> env, ref string? unresolved)
        {
            if (text.IndexOf('$') < 0) return text;
            string? missing = unresolved;
            string result = ShellVariable.Replace(text, m =>
            {
                string name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                if (env.TryGetValue(name, out var value)) return value;
                var fallback = Regex.Match(m.Value, @"^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$");
                if (fallback.Success) return fallback.Groups[1].Value;
                missing ??= m.Value;
                return m.Value;
            });
            unresolved = missing;
            return result;
        }
    }
}
