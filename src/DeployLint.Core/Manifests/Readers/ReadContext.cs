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
        public ReadContext(string filePath, SourceText source, HardwareCatalog catalog, YDocument document, ExpansionBudget? expansion = null,
            IReadOnlyDictionary<string, YMapping>? configMaps = null)
        {
            ConfigMaps = configMaps ?? NoConfigMaps;
            FilePath = filePath;
            Source = source;
            Catalog = catalog;
            Document = document;
            Expansion = expansion ?? new ExpansionBudget();
        }

        public string FilePath { get; }
        public SourceText Source { get; }
        public HardwareCatalog Catalog { get; }
        public YDocument Document { get; }

        /// <summary>The GPU and network for files that do not name them; null when none are set.</summary>
        public RepositoryDefaults? Defaults { get; set; }

        private static readonly IReadOnlyDictionary<string, YMapping> NoConfigMaps = new Dictionary<string, YMapping>();

        /// <summary>The ConfigMaps the file defines (in any of its documents): name to data.</summary>
        public IReadOnlyDictionary<string, YMapping> ConfigMaps { get; }

        /// <summary>What variable expansion may still produce in this file (shared by its documents).</summary>
        public ExpansionBudget Expansion { get; }
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
}
