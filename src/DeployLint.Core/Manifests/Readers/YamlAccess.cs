using System;
using System.Collections.Generic;
using System.Globalization;
using DeployLint.Catalog;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>Small typed accessors over the YAML tree for readers that tolerate anything (no errors for shapes they do not expect).</summary>
    public static class YamlAccess
    {
        public static YMapping? Map(YNode? node, params string[] path)
        {
            var current = node;
            foreach (var key in path)
            {
                current = (current as YMapping)?.Get(key);
                if (current == null) return null;
            }
            return current as YMapping;
        }

        public static YNode? Node(YNode? node, params string[] path)
        {
            var current = node;
            foreach (var key in path)
            {
                current = (current as YMapping)?.Get(key);
                if (current == null) return null;
            }
            return current;
        }

        public static YScalar? Scalar(YNode? node, params string[] path) => Node(node, path) is YScalar s && !s.IsNull ? s : null;

        public static string? Str(YNode? node, params string[] path) => Scalar(node, path)?.Value;

        public static IEnumerable<YMapping> Maps(YNode? node, params string[] path)
        {
            if (Node(node, path) is YSequence seq)
            {
                foreach (var item in seq.Items)
                {
                    if (item is YMapping m) yield return m;
                }
            }
        }

        public static List<YScalar> Scalars(YNode? node)
        {
            var list = new List<YScalar>();
            if (node is YSequence seq)
            {
                foreach (var item in seq.Items)
                {
                    if (item is YScalar s && !s.IsNull) list.Add(s);
                }
            }
            return list;
        }

        public static Located<long>? Count(YScalar? scalar)
        {
            if (scalar == null) return null;
            return long.TryParse(scalar.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v > 0 && v <= ManifestBinder.MaxGpus
                ? new Located<long>(v, scalar.Span) : null;
        }

        public static Located<double>? Fraction(YScalar? scalar)
        {
            if (scalar == null) return null;
            return double.TryParse(scalar.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && v <= 1
                ? new Located<double>(v, scalar.Span) : null;
        }

        public static Located<string>? Text(YScalar? scalar) => scalar == null ? null : new Located<string>(scalar.Value, scalar.Span);

        public static bool IsTrue(YScalar? scalar) => scalar != null && IsTruthy(scalar.Value);

        /// <summary>"1" or "true" (any case), as engines read their boolean environment variables.</summary>
        public static bool IsTruthy(string value) => value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
    }
}
