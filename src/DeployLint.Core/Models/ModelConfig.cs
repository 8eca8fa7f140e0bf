using System;
using System.Collections.Generic;
using System.Globalization;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>Raised when a config.json lacks a field or has one of the wrong type; becomes DPL0009.</summary>
    public sealed class ModelConfigException : Exception
    {
        public ModelConfigException(string message, SourceSpan span) : base(message) { Span = span; }
        public SourceSpan Span { get; }
    }

    /// <summary>Typed read access to a Hugging Face config.json (parsed by the same YAML reader, so values keep positions).</summary>
    public sealed class ModelConfig
    {
        public ModelConfig(YMapping root, string sourcePath)
        {
            Root = root;
            SourcePath = sourcePath;
        }

        public YMapping Root { get; }
        public string SourcePath { get; }

        public string ModelType => String("model_type");

        public bool Has(string key) => Root.Get(key) is YNode n && !(n is YScalar { IsNull: true });

        public YMapping? Section(string key) => Root.Get(key) as YMapping;

        public string String(string key)
        {
            var node = Root.Get(key) ?? throw Missing(key);
            if (node is YScalar s && !s.IsNull) return s.Value;
            throw new ModelConfigException($"config.json field '{key}' must be a string", node.Span);
        }

        public string? OptionalString(string key) => Root.Get(key) is YScalar s && !s.IsNull ? s.Value : null;

        public long Int(string key) => IntOf(Root, key, Root.Get(key) ?? throw Missing(key));

        public long Int(string key, long fallback)
        {
            var node = Root.Get(key);
            if (node == null || node is YScalar { IsNull: true }) return fallback;
            return IntOf(Root, key, node);
        }

        public double Number(string key, double fallback)
        {
            var node = Root.Get(key);
            if (node == null || node is YScalar { IsNull: true }) return fallback;
            if (node is YScalar s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
            throw new ModelConfigException($"config.json field '{key}' must be a number", node.Span);
        }

        public bool Bool(string key, bool fallback)
        {
            var node = Root.Get(key);
            if (node == null || node is YScalar { IsNull: true }) return fallback;
            if (node is YScalar s)
            {
                if (s.Value == "true" || s.Value == "True") return true;
                if (s.Value == "false" || s.Value == "False") return false;
            }
            throw new ModelConfigException($"config.json field '{key}' must be true or false", node.Span);
        }

        public IReadOnlyList<long> IntList(string key)
        {
            var result = new List<long>();
            if (Root.Get(key) is YSequence seq)
            {
                foreach (var item in seq.Items) result.Add(IntOf(Root, key, item));
            }
            return result;
        }

        public IReadOnlyList<string> StringList(string key)
        {
            var result = new List<string>();
            if (Root.Get(key) is YSequence seq)
            {
                foreach (var item in seq.Items)
                {
                    if (item is YScalar s) result.Add(s.Value);
                }
            }
            return result;
        }

        public SourceSpan SpanOf(string key) => Root.KeyOf(key)?.Span ?? Root.Span;

        internal static long IntOf(YMapping map, string key, YNode node)
        {
            if (node is YScalar s && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
            if (node is YScalar f && double.TryParse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15) return (long)d;
            throw new ModelConfigException($"config.json field '{key}' must be a whole number", node.Span);
        }

        private ModelConfigException Missing(string key) =>
            new ModelConfigException($"config.json has no '{key}', which a {OptionalString("model_type") ?? "model"} architecture needs", Root.Span);
    }
}
