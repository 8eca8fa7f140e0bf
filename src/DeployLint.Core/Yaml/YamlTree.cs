using System.Collections.Generic;

namespace DeployLint.Yaml
{
    /// <summary>A YAML node that remembers where it came from.</summary>
    public abstract class YNode
    {
        protected YNode(SourceSpan span) { Span = span; }

        public SourceSpan Span { get; }

        /// <summary>Nodes reachable from this one, aliases counted at every use (saturating).</summary>
        public long Weight { get; internal set; } = 1;

        public abstract string KindName { get; }
    }

    public sealed class YScalar : YNode
    {
        public YScalar(string value, bool isPlain, SourceSpan span) : base(span)
        {
            Value = value;
            IsPlain = isPlain;
        }

        public string Value { get; }

        /// <summary>True when written without quotes (so it may be a number, boolean or null).</summary>
        public bool IsPlain { get; }

        public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

        public override string KindName => IsPlain ? "plain scalar" : "string";
    }

    public sealed class YMapping : YNode
    {
        private readonly List<KeyValuePair<YScalar, YNode>> _entries = new List<KeyValuePair<YScalar, YNode>>();

        public YMapping(SourceSpan span) : base(span) { }

        public IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries => _entries;

        internal void Add(YScalar key, YNode value) => _entries.Add(new KeyValuePair<YScalar, YNode>(key, value));

        public YNode? Get(string key)
        {
            foreach (var e in _entries)
            {
                if (e.Key.Value == key) return e.Value;
            }
            return null;
        }

        public YScalar? KeyOf(string key)
        {
            foreach (var e in _entries)
            {
                if (e.Key.Value == key) return e.Key;
            }
            return null;
        }

        public override string KindName => "mapping";
    }

    public sealed class YSequence : YNode
    {
        private readonly List<YNode> _items = new List<YNode>();

        public YSequence(SourceSpan span) : base(span) { }

        public IReadOnlyList<YNode> Items => _items;

        internal void Add(YNode item) => _items.Add(item);

        public override string KindName => "sequence";
    }

    /// <summary>One document of a YAML stream.</summary>
    public sealed class YDocument
    {
        public YDocument(YNode? root, SourceSpan span, int index)
        {
            Root = root;
            Span = span;
            Index = index;
        }

        public YNode? Root { get; }
        public SourceSpan Span { get; }
        public int Index { get; }
    }
}
