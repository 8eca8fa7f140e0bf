namespace DeployLint.Yaml
{
    /// <summary>A 1-based line/column range in a source file; the end is exclusive.</summary>
    public readonly struct SourceSpan : System.IEquatable<SourceSpan>
    {
        public SourceSpan(int startLine, int startColumn, int endLine, int endColumn)
        {
            StartLine = startLine;
            StartColumn = startColumn;
            EndLine = endLine;
            EndColumn = endColumn;
        }

        public int StartLine { get; }
        public int StartColumn { get; }
        public int EndLine { get; }
        public int EndColumn { get; }

        public static SourceSpan FileStart => new SourceSpan(1, 1, 1, 1);

        public static SourceSpan At(int line, int column) => new SourceSpan(line, column, line, column + 1);

        public bool Equals(SourceSpan other) =>
            StartLine == other.StartLine && StartColumn == other.StartColumn && EndLine == other.EndLine && EndColumn == other.EndColumn;

        public override bool Equals(object? obj) => obj is SourceSpan s && Equals(s);

        public override int GetHashCode() => ((StartLine * 397 ^ StartColumn) * 397 ^ EndLine) * 397 ^ EndColumn;

        public override string ToString() => $"({StartLine},{StartColumn})-({EndLine},{EndColumn})";
    }
}
