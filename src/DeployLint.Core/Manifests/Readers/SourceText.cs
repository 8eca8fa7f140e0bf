using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>The text of the file being read, so a position inside a YAML scalar (a word of a shell script) gets its own line and column.</summary>
    public sealed class SourceText
    {
        private readonly string _text;

        public string Text => _text;
        private readonly List<int> _lineStarts = new List<int> { 0 };

        public SourceText(string text)
        {
            _text = text;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n') _lineStarts.Add(i + 1);
            }
        }

        public int Offset(int line, int column)
        {
            if (line < 1) return 0;
            if (line > _lineStarts.Count) return _text.Length;
            return Math.Min(_text.Length, _lineStarts[line - 1] + Math.Max(0, column - 1));
        }

        public SourceSpan SpanOf(int start, int end)
        {
            var (l1, c1) = Position(start);
            var (l2, c2) = Position(end);
            return new SourceSpan(l1, c1, l2, c2);
        }

        private (int Line, int Column) Position(int offset)
        {
            int index = _lineStarts.BinarySearch(offset);
            if (index < 0) index = ~index - 1;
            return (index + 1, offset - _lineStarts[index] + 1);
        }

        /// <summary>
        /// Finds <paramref name="literal"/> in the source of a scalar at or after <paramref name="cursor"/> (a source offset) and
        /// returns its span; the cursor moves past it so repeated words land on successive occurrences. Null when the
        /// scalar's escapes or folding make the literal text absent from the source.
        /// </summary>
        public SourceSpan? Find(SourceSpan scalar, string literal, ref int cursor)
        {
            if (literal.Length == 0) return null;
            int start = Math.Max(cursor, Offset(scalar.StartLine, scalar.StartColumn));
            int end = Math.Min(_text.Length, Offset(scalar.EndLine, scalar.EndColumn));
            if (start >= end) return null;
            int found = _text.IndexOf(literal, start, end - start, StringComparison.Ordinal);
            if (found < 0) return null;
            cursor = found + literal.Length;
            return SpanOf(found, found + literal.Length);
        }

        private int SkipBlanks(int i, int end)
        {
            while (i < end && (_text[i] == ' ' || _text[i] == '\t')) i++;
            return i;
        }

        private bool Matches(int i, int end, string word) =>
            end - i >= word.Length && string.Compare(_text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

        /// <summary>True when the text of the span contains a <c># deploylint: ignore</c> comment.</summary>
        public bool HasIgnoreComment(SourceSpan span)
        {
            int start = Offset(span.StartLine, 1);
            int end = Math.Min(_text.Length, Offset(span.EndLine + 1, 1));
            int at = start;
            while (at < end)
            {
                int hash = _text.IndexOf('#', at, end - at);
                if (hash < 0) return false;
                int lineEnd = _text.IndexOf('\n', hash, end - hash);
                if (lineEnd < 0) lineEnd = end;
                int i = SkipBlanks(hash + 1, lineEnd);
                if (Matches(i, lineEnd, "deploylint:") && Matches(SkipBlanks(i + "deploylint:".Length, lineEnd), lineEnd, "ignore")) return true;
                at = lineEnd;
            }
            return false;
        }
    }
}
