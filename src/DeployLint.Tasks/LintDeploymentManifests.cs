using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.IO;
using DeployLint.Manifests;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace DeployLint.Tasks
{
    /// <summary>
    /// Lints the project's deployment manifests through Core and logs each diagnostic with code, file, line, column,
    /// end line/column and help link. A thin adapter: severities, NoWarn and WarningsAsErrors are applied here because
    /// the task reports diagnostics on non-C# files that the compiler never sees.
    /// </summary>
    public sealed class LintDeploymentManifests : Task
    {
        [Required]
        public ITaskItem[] Manifests { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Diagnostics are printed relative to this directory (the project directory).</summary>
        public string ProjectDirectory { get; set; } = "";

        public bool TreatWarningsAsErrors { get; set; }

        /// <summary>Semicolon- or comma-separated ids, as in the NoWarn property.</summary>
        public string NoWarn { get; set; } = "";

        public string WarningsAsErrors { get; set; } = "";

        /// <summary>Severity overrides "DPL1004=error;DPL5001=none", on top of the analyzer config files.</summary>
        public string SeverityOverrides { get; set; } = "";

        /// <summary>.globalconfig files (is_global = true): their dotnet_diagnostic.DPLnnnn.severity apply to builds as to the IDE.</summary>
        public ITaskItem[] AnalyzerConfigFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>User catalogs (DeployLintCatalog items) merged over the built-in catalog.</summary>
        public ITaskItem[] Catalogs { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Touched after a run without errors, so incremental builds skip the target.</summary>
        public string StampFile { get; set; } = "";

        [Output]
        public int ErrorCount { get; private set; }

        public override bool Execute()
        {
            var noWarn = Ids(NoWarn);
            var asErrors = Ids(WarningsAsErrors);
            string baseDirectory = string.IsNullOrEmpty(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory;
            var overrides = GlobalConfig.Severities(AnalyzerConfigFiles.Select(f => f.ItemSpec).Concat(GlobalConfig.Discover(baseDirectory)));
            foreach (var pair in Overrides(SeverityOverrides)) overrides[pair.Key] = pair.Value;
            var options = new LintOptions { SeverityOverrides = overrides, Defaults = RepositoryDefaultsOf(baseDirectory) };
            if (Catalogs.Length > 0)
            {
                var problems = new List<Diagnostic>();
                var files = new List<(string, string)>();
                foreach (var catalog in Catalogs)
                {
                    string full = Path.GetFullPath(Path.Combine(baseDirectory, catalog.ItemSpec));
                    string? text = FileGate.ReadText(full, FileGate.RootFor(full, null), DiskFileResolver.MaxReferencedFileBytes, out string refused);
                    if (text == null)
                    {
                        Log.LogError(null, "DPL0010", null, Display(baseDirectory, full), 0, 0, 0, 0, "cannot read the catalog: " + refused);
                        ErrorCount++;
                        continue;
                    }
                    files.Add((Display(baseDirectory, full), text));
                }
                if (ErrorCount > 0) return false;
                options.Catalog = Catalog.UserCatalog.Merge(Catalog.HardwareCatalog.BuiltIn, files, problems);
                foreach (var d in problems)
                {
                    Log.LogError(null, d.Id, null, d.Rule.HelpUri, d.FilePath, d.Span.StartLine, d.Span.StartColumn, d.Span.EndLine, d.Span.EndColumn, d.Message);
                    ErrorCount++;
                }
                if (ErrorCount > 0) return false;
            }
            if (options.Defaults != null) options.Catalog = options.Defaults.WithNodePools(options.Catalog);
            options.Files = new DiskFileResolver(null, baseDirectory);
            foreach (var item in Manifests.OrderBy(m => m.ItemSpec, StringComparer.Ordinal))
            {
                string full = Path.GetFullPath(Path.Combine(baseDirectory, item.ItemSpec));
                string display = Display(baseDirectory, full);
                byte[]? bytes = FileGate.Read(full, FileGate.RootFor(full, null), options.MaxFileLength + 1, out string problem);
                if (bytes == null)
                {
                    Log.LogError(null, "DPL0010", null, display, 0, 0, 0, 0, "cannot read the manifest: " + problem);
                    ErrorCount++;
                    continue;
                }
                var result = Linter.LintBytes(bytes, display, options);
                foreach (var d in result.Active)
                {
                    if (noWarn.Contains(d.Id) && d.Severity != Severity.Error) continue;
                    bool error = d.Severity == Severity.Error || (d.Severity == Severity.Warning && (TreatWarningsAsErrors || asErrors.Contains(d.Id)));
                    var s = d.Span;
                    if (error)
                    {
                        Log.LogError(null, d.Id, null, d.Rule.HelpUri, display, s.StartLine, s.StartColumn, s.EndLine, s.EndColumn, d.Message);
                        ErrorCount++;
                    }
                    else if (d.Severity == Severity.Warning)
                    {
                        Log.LogWarning(null, d.Id, null, d.Rule.HelpUri, display, s.StartLine, s.StartColumn, s.EndLine, s.EndColumn, d.Message);
                    }
                    else
                    {
                        Log.LogMessage(null, d.Id, null, display, s.StartLine, s.StartColumn, s.EndLine, s.EndColumn, MessageImportance.High, d.Message);
                    }
                }
            }
            if (ErrorCount == 0 && !string.IsNullOrEmpty(StampFile))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(StampFile))!);
                File.WriteAllText(StampFile, "DeployLint: " + Manifests.Length + " manifest(s) checked" + Environment.NewLine);
            }
            return !Log.HasLoggedErrors;
        }

        /// <summary>deploylint.yaml's defaults and node pools at the repository root above the project; null when it has none.</summary>
        private RepositoryDefaults? RepositoryDefaultsOf(string baseDirectory)
        {
            string root = RepositoryRoot.Find(baseDirectory);
            string path = Path.Combine(root, RepositorySettingsFile.Name);
            var settings = RepositorySettingsFile.Read(root, out string problem);
            if (settings == null)
            {
                if (problem.Length > 0) Log.LogWarning(null, "DPL0010", null, path, 1, 1, 1, 1, "deploylint.yaml not read: " + problem);
                return null;
            }
            foreach (var (at, message) in settings.Problems) Log.LogWarning(null, "DPL0019", null, path, at.StartLine, at.StartColumn, at.EndLine, at.EndColumn, message);
            return settings.Defaults.IsEmpty ? null : settings.Defaults;
        }

        private static string Display(string baseDirectory, string full)
        {
            string root = Path.GetFullPath(baseDirectory);
            return DiskFileResolver.RelativePath(root, full);
        }

        internal static HashSet<string> Ids(string list) =>
            new HashSet<string>(list.Split(new[] { ';', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase);

        internal static Dictionary<string, Severity> Overrides(string list)
        {
            var result = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in list.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0 && SeverityNames.TryParse(pair.Substring(eq + 1), out var severity)) result[pair.Substring(0, eq).Trim()] = severity;
            }
            return result;
        }
    }
}
