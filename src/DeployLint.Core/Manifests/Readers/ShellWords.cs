using System.Collections.Generic;
using System.Text;

namespace DeployLint.Manifests.Readers
{
    /// <summary>One word of a shell command line: its text after quote removal and where it was written in the script.</summary>
    public readonly struct ShellWord
    {
        public ShellWord(string text, string raw, bool isOperator)
        {
            Text = text;
            Raw = raw;
            IsOperator = isOperator;
        }

        public string Text { get; }

        /// <summary>The word as written (quotes included), used to find it in the source.</summary>
        public string Raw { get; }

        /// <summary>A command separator: ; &amp;&amp; || | &amp; or a line break.</summary>
        public bool IsOperator { get; }
    }

    /// <summary>Splits a POSIX shell script into words the way sh does (quotes, backslashes, comments, separators); no expansion.</summary>
    public static class ShellWords
    {
        public static List<ShellWord> Split(string script)
        {
            var words = new List<ShellWord>();
            var text = new StringBuilder();
            int rawStart = -1;
            int i = 0;
            void Flush(int end)
            {
                if (rawStart >= 0) words.Add(new ShellWord(text.ToString(), script.Substring(rawStart, end - rawStart), false));
                text.Clear();
                rawStart = -1;
            }
            while (i < script.Length)
            {
                char c = script[i];
                if (c == '\\' && i + 1 < script.Length && script[i + 1] == '\n')
                {
                    i += 2;
                    continue;
                }
                if (c == ' ' || c == '\t' || c == '\r')
                {
                    Flush(i);
                    i++;
                    continue;
                }
                if (c == '\n' || c == ';' || c == '|' || c == '&')
                {
                    Flush(i);
                    int len = i + 1 < script.Length && (script[i + 1] == c) && c != '\n' && c != ';' ? 2 : 1;
                    words.Add(new ShellWord(script.Substring(i, len), script.Substring(i, len), true));
                    i += len;
                    continue;
                }
                if (c == '#' && rawStart < 0)
                {
                    while (i < script.Length && script[i] != '\n') i++;
                    continue;
                }
                if (rawStart < 0) rawStart = i;
                if (c == '\'')
                {
                    int close = script.IndexOf('\'', i + 1);
                    if (close < 0) close = script.Length;
                    text.Append(script, i + 1, close - i - 1);
                    i = close + 1;
                }
                else if (c == '"')
                {
                    i++;
                    while (i < script.Length && script[i] != '"')
                    {
                        if (script[i] == '\\' && i + 1 < script.Length && "\"\\$`\n".IndexOf(script[i + 1]) >= 0)
                        {
                            if (script[i + 1] != '\n') text.Append(script[i + 1]);
                            i += 2;
                            continue;
                        }
                        text.Append(script[i]);
                        i++;
                    }
                    i++;
                }
                else if (c == '\\' && i + 1 < script.Length)
                {
                    text.Append(script[i + 1]);
                    i += 2;
                }
                else if (c == '$' && i + 1 < script.Length && (script[i + 1] == '(' || script[i + 1] == '{'))
                {
                    // $((arithmetic)), $(command) and ${parameter} are one word with their spaces, as in sh.
                    int end = MatchingClose(script, i + 1);
                    text.Append(script, i, end - i);
                    i = end;
                }
                else
                {
                    text.Append(c);
                    i++;
                }
            }
            Flush(System.Math.Min(i, script.Length));
            return words;
        }

        /// <summary>The index after the bracket that closes the one at <paramref name="open"/> (nesting counted); the end of the script if none does.</summary>
        private static int MatchingClose(string script, int open)
        {
            char opening = script[open];
            char closing = opening == '(' ? ')' : '}';
            int depth = 0;
            for (int i = open; i < script.Length; i++)
            {
                char c = script[i];
                if (c == opening) depth++;
                else if (c == closing && --depth == 0) return i + 1;
            }
            return script.Length;
        }
    }
}
