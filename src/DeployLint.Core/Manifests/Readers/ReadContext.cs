using System;
using System.Collections.Generic;
using System.Globalization;
using DeployLint.Catalog;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>What every reader needs: the file, its text, the catalog (for node labels and instance types) and one document.</summary>
    public sealed class ReadContext
    {
        public ReadContext(string filePath, SourceText source, HardwareCatalog catalog, YDocument document)
        {
            FilePath = filePath;
            Source = source;
            Catalog = catalog;
            Document = document;
        }

        public string FilePath { get; }
        public SourceText Source { get; }
        public HardwareCatalog Catalog { get; }
        public YDocument Document { get; }
        public List<ForeignDeployment> Deployments { get; } = new List<ForeignDeployment>();

        public ForeignDeployment Start(string origin, YScalar? name)
        {
            var manifest = new DeploymentManifest
            {
                Origin = origin,
                DocumentSpan = Document.Span,
                DocumentIndex = Document.Index,
                Name = name != null ? new Located<string>(name.Value, name.Span) : null,
            };
            var deployment = new ForeignDeployment(manifest, new DiagnosticBag(FilePath));
            Deployments.Add(deployment);
            return deployment;
        }
    }

    /// <summary>A deployment read from another tool's file, with the notes its reader made.</summary>
    public sealed class ForeignDeployment
    {
        public ForeignDeployment(DeploymentManifest manifest, DiagnosticBag bag)
        {
            Manifest = manifest;
            Bag = bag;
        }

        public DeploymentManifest Manifest { get; }
        public DiagnosticBag Bag { get; }
    }

    /// <summary>Small typed accessors over the YAML tree for readers that tolerate anything (no errors for shapes they do not expect).</summary>
    public static class Y
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

        public static bool IsTrue(YScalar? scalar) => scalar != null && (scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase) || scalar.Value == "1");
    }
}
