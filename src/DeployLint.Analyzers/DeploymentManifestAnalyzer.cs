using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeployLint.Rules.Manifest;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace DeployLint.Analyzers
{
    /// <summary>
    /// Reports DeployLint's diagnostics inside deployment manifests passed as AdditionalFiles, and checks that
    /// [assembly: DeployLint.DeploymentManifest("...")] names one of them. A thin adapter: Core decides everything.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DeploymentManifestAnalyzer : DiagnosticAnalyzer
    {
        public const string ManifestMetadata = "build_metadata.AdditionalFiles.DeployLintManifest";
        public const string CatalogMetadata = "build_metadata.AdditionalFiles.DeployLintCatalog";

        /// <summary>Set to false by the DeployLint targets in real builds, where the MSBuild task reports instead.</summary>
        public const string ReportsManifestsProperty = "build_property.DeployLintAnalyzerReportsManifests";
        private const int CacheLimit = 1024;
        private const string AttributeName = "DeployLint.DeploymentManifestAttribute";

        private static readonly ConcurrentDictionary<string, CachedLint> Cache = new ConcurrentDictionary<string, CachedLint>(StringComparer.Ordinal);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var files = start.Options.AdditionalFiles;
                var options = start.Options.AnalyzerConfigOptionsProvider;
                var manifests = files.Where(f => IsManifest(f, options)).Select(f => f.Path).ToList();
                bool reportManifests = !(options.GlobalOptions.TryGetValue(ReportsManifestsProperty, out var reports) && string.Equals(reports, "false", StringComparison.OrdinalIgnoreCase));
                var catalog = CatalogFor(files, options, start.CancellationToken);
                if (reportManifests) start.RegisterAdditionalFileAction(c => AnalyzeManifest(c, files, options, catalog));
                start.RegisterSyntaxNodeAction(c => AnalyzeAttribute(c, manifests), SyntaxKind.Attribute);
            });
        }

        internal static bool IsManifest(AdditionalText file, AnalyzerConfigOptionsProvider options)
        {
            if (options.GetOptions(file).TryGetValue(ManifestMetadata, out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase)) return true;
            string path = file.Path;
            return path.EndsWith(".deploy.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".deploy.yml", StringComparison.OrdinalIgnoreCase);
        }

        private static readonly ConcurrentDictionary<string, Catalog.HardwareCatalog> Catalogs = new ConcurrentDictionary<string, Catalog.HardwareCatalog>(StringComparer.Ordinal);

        /// <summary>The built-in catalog, or it merged with the project's DeployLintCatalog files (cached by their content).</summary>
        private static Catalog.HardwareCatalog CatalogFor(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken cancellation)
        {
            var catalogFiles = files.Where(f => options.GetOptions(f).TryGetValue(CatalogMetadata, out var v) && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase))
                .Select(f => (f.Path, f.GetText(cancellation)?.ToString() ?? "")).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            if (catalogFiles.Count == 0) return Catalog.HardwareCatalog.BuiltIn;
            string key = string.Join("|", catalogFiles.Select(f => f.Path + ":" + Checksum.Of(f.Item2)));
            if (Catalogs.Count > 64) Catalogs.Clear();
            return Catalogs.GetOrAdd(key, _ => Catalog.UserCatalog.Merge(Catalog.HardwareCatalog.BuiltIn, catalogFiles, new List<DeployLint.Diagnostic>()));
        }

        private static void AnalyzeManifest(AdditionalFileAnalysisContext context, ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options, Catalog.HardwareCatalog catalog)
        {
            var file = context.AdditionalFile;
            if (!IsManifest(file, options)) return;
            SourceText? text = null;
            try
            {
                text = file.GetText(context.CancellationToken);
                if (text == null) return;
                foreach (var d in LintCached(file.Path, text.ToString(), files, context.CancellationToken, catalog))
                {
                    if (!Descriptors.ById.TryGetValue(d.Id, out var descriptor)) continue;
                    context.ReportDiagnostic(RoslynDiagnostic.Create(descriptor, LocationOf(file.Path, text, d.Span), Descriptors.Map(d.Severity), null, null, d.Message));
                }
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                var where = text != null ? LocationOf(file.Path, text, Yaml.SourceSpan.FileStart) : Location.None;
                context.ReportDiagnostic(RoslynDiagnostic.Create(Descriptors.ById[InternalError.Descriptor.Id], where, "internal error: " + ex.GetType().Name + ": " + ex.Message));
            }
        }

        /// <summary>Reuses the last result for a manifest while its text and every file it referenced are unchanged.</summary>
        internal static IReadOnlyList<DeployLint.Diagnostic> LintCached(string path, string text, ImmutableArray<AdditionalText> files, System.Threading.CancellationToken cancellation,
            Catalog.HardwareCatalog? catalog = null)
        {
            catalog ??= Catalog.HardwareCatalog.BuiltIn;
            var resolver = new AdditionalFileResolver(files, cancellation);
            string checksum = Checksum.Of(text) + (ReferenceEquals(catalog, Catalog.HardwareCatalog.BuiltIn) ? "" : "+" + catalog.GetHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Cache.TryGetValue(path, out var cached) && cached.Checksum == checksum && resolver.StillMatches(cached.Reads)) return cached.Diagnostics;
            var result = Linter.Lint(text, path, new LintOptions { Files = resolver, Catalog = catalog });
            var diagnostics = result.Active.ToList();
            if (Cache.Count >= CacheLimit) Cache.Clear();
            Cache[path] = new CachedLint(checksum, resolver.Reads, diagnostics);
            return diagnostics;
        }

        private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, IReadOnlyCollection<string> manifests)
        {
            try
            {
                var attribute = (AttributeSyntax)context.Node;
                if (!(attribute.Parent is AttributeListSyntax list) || list.Target == null || !list.Target.Identifier.IsKind(SyntaxKind.AssemblyKeyword)) return;
                string name = attribute.Name.ToString();
                if (!name.EndsWith("DeploymentManifest", StringComparison.Ordinal) && !name.EndsWith("DeploymentManifestAttribute", StringComparison.Ordinal)) return;
                var type = context.SemanticModel.GetTypeInfo(attribute, context.CancellationToken).Type ?? (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol as IMethodSymbol)?.ContainingType;
                if (type == null || type.ToDisplayString() != AttributeName) return;
                var argument = attribute.ArgumentList?.Arguments.FirstOrDefault();
                if (argument == null) return;
                var value = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
                if (!value.HasValue || !(value.Value is string path)) return;
                string? message = ManifestReferenceNotFound.Check(path, manifests);
                if (message != null)
                {
                    context.ReportDiagnostic(RoslynDiagnostic.Create(Descriptors.ById[ManifestReferenceNotFound.Descriptor.Id], argument.GetLocation(), message));
                }
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                context.ReportDiagnostic(RoslynDiagnostic.Create(Descriptors.ById[InternalError.Descriptor.Id], context.Node.GetLocation(), "internal error: " + ex.GetType().Name + ": " + ex.Message));
            }
        }

        /// <summary>Core's 1-based line/column span as a Roslyn location in the additional file, clamped to the text.</summary>
        internal static Location LocationOf(string path, SourceText text, Yaml.SourceSpan span)
        {
            var lines = text.Lines;
            int PositionOf(int line, int column)
            {
                int index = Math.Max(0, Math.Min(lines.Count - 1, line - 1));
                var l = lines[index];
                return l.Start + Math.Max(0, Math.Min(l.End - l.Start, column - 1));
            }
            int start = PositionOf(span.StartLine, span.StartColumn);
            int end = Math.Max(start, PositionOf(span.EndLine, span.EndColumn));
            var textSpan = TextSpan.FromBounds(start, end);
            return Location.Create(path, textSpan, text.Lines.GetLinePositionSpan(textSpan));
        }

        private sealed class CachedLint
        {
            public CachedLint(string checksum, IReadOnlyList<KeyValuePair<string, string>> reads, IReadOnlyList<DeployLint.Diagnostic> diagnostics)
            {
                Checksum = checksum;
                Reads = reads;
                Diagnostics = diagnostics;
            }

            public string Checksum { get; }
            public IReadOnlyList<KeyValuePair<string, string>> Reads { get; }
            public IReadOnlyList<DeployLint.Diagnostic> Diagnostics { get; }
        }
    }
}
