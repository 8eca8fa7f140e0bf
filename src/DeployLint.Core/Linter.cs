using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Catalog;
using DeployLint.Estimation;
using DeployLint.Manifests;
using DeployLint.Manifests.Readers;
using DeployLint.Plans;
using DeployLint.Rules;
using DeployLint.Rules.Manifest;
using DeployLint.Yaml;

namespace DeployLint
{
    public sealed class LintOptions
    {
        public static readonly LintOptions Default = new LintOptions();

        public HardwareCatalog Catalog { get; set; } = HardwareCatalog.BuiltIn;

        /// <summary>Reads files a manifest references; null where there is no file access.</summary>
        public IFileResolver? Files { get; set; }

        /// <summary>Severity per rule id (from .globalconfig, MSBuild or the command line); Hidden drops the rule.</summary>
        public IReadOnlyDictionary<string, Severity>? SeverityOverrides { get; set; }

        /// <summary>Largest manifest read, in characters (UTF-16 code units).</summary>
        public long MaxFileLength { get; set; } = 4L * 1024 * 1024;

        public YamlReadLimits YamlLimits { get; set; } = YamlReadLimits.Default;

        /// <summary>The GPU and network for files that do not name them (deploylint.yaml, --gpu); null when none. Node pools go into <see cref="Catalog"/>.</summary>
        public Manifests.RepositoryDefaults? Defaults { get; set; }

        /// <summary>GPU id to price per GPU-hour (--price, deploylint.yaml prices:); a manifest's hardware.pricePerGpuHour wins.</summary>
        public IReadOnlyDictionary<string, double>? Prices { get; set; }
    }

    /// <summary>One deployment document: as written, as understood, its estimate and its diagnostics.</summary>
    public sealed class DeploymentResult
    {
        public DeploymentResult(DeploymentManifest manifest, DeploymentPlan? plan, MemoryEstimate? memory, TimeEstimate? time, IReadOnlyList<Diagnostic> diagnostics)
        {
            Manifest = manifest;
            Plan = plan;
            Memory = memory;
            Time = time;
            Diagnostics = diagnostics;
        }

        public TimeEstimate? Time { get; }

        public DeploymentManifest Manifest { get; }
        public DeploymentPlan? Plan { get; }
        public MemoryEstimate? Memory { get; }
        public IReadOnlyList<Diagnostic> Diagnostics { get; }
        public string Name => Manifest.Name?.Value ?? "";
    }

    public sealed class LintResult
    {
        public LintResult(string filePath, IReadOnlyList<DeploymentResult> deployments, IReadOnlyList<Diagnostic> diagnostics)
        {
            FilePath = filePath;
            Deployments = deployments;
            Diagnostics = diagnostics;
        }

        public string FilePath { get; }
        public IReadOnlyList<DeploymentResult> Deployments { get; }

        /// <summary>Every diagnostic of the file, suppressed ones included (check <see cref="Diagnostic.IsSuppressed"/>), by position.</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }

        public IEnumerable<Diagnostic> Active => Diagnostics.Where(d => !d.IsSuppressed && d.Severity != Severity.Hidden);
        public bool HasErrors => Active.Any(d => d.Severity == Severity.Error);
    }

    /// <summary>The one entry point: manifest text + path + options -> diagnostics + estimates. Never throws for any input.</summary>
    public static class Linter
    {
        /// <summary>Lints raw file bytes: strict UTF-8 (BOM allowed); invalid bytes are a DPL0001 at their line and column.</summary>
        public static LintResult LintBytes(byte[] bytes, string filePath, LintOptions? options = null)
        {
            using var culture = Text.InvariantCultureScope.Enter();
            options ??= LintOptions.Default;
            if (bytes.LongLength > options.MaxFileLength)
            {
                var bag = new DiagnosticBag(filePath);
                bag.Add(InputLimitExceeded.Descriptor, SourceSpan.FileStart,
                    $"the file is larger than the {Units.Count(options.MaxFileLength)}-byte limit for a manifest; it is not read");
                return Finish(filePath, new List<DeploymentResult>(), bag, options);
            }
            string text;
            try
            {
                text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
            }
            catch (System.Text.DecoderFallbackException ex)
            {
                int offset = Math.Max(0, Math.Min(bytes.Length, ex.Index));
                int line = 1, column = 1;
                for (int i = 0; i < offset; i++)
                {
                    if (bytes[i] == (byte)'\n') { line++; column = 1; }
                    else if ((bytes[i] & 0xC0) != 0x80) column++;
                }
                var bag = new DiagnosticBag(filePath);
                bag.Add(MalformedYaml.Descriptor, SourceSpan.At(line, column), $"the file is not valid UTF-8 (byte 0x{bytes[offset < bytes.Length ? offset : 0]:X2} at offset {offset}); manifests must be UTF-8 text");
                return Finish(filePath, new List<DeploymentResult>(), bag, options);
            }
            return Lint(text, filePath, options);
        }

        public static LintResult Lint(string text, string filePath, LintOptions? options = null)
        {
            using var culture = Text.InvariantCultureScope.Enter();
            options ??= LintOptions.Default;
            var fileBag = new DiagnosticBag(filePath);
            var deployments = new List<DeploymentResult>();
            try
            {
                if (text.Length > options.MaxFileLength)
                {
                    fileBag.Add(InputLimitExceeded.Descriptor, SourceSpan.FileStart,
                        $"the file is {Units.Count(text.Length)} characters, above the {Units.Count(options.MaxFileLength)} limit for a manifest; it is not read");
                    return Finish(filePath, deployments, fileBag, options);
                }
                if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
                var read = YamlTreeReader.Read(text, options.YamlLimits);
                SourceText? source = null;
                bool onlyPlaceholders = read.Problems.Count > 0
                    && read.Problems.All(p => p.Kind == YamlProblemKind.ComplexKey && Placeholder(source ??= new SourceText(text), text, p.Span) != null);
                if (read.Problems.Count > 0 && !onlyPlaceholders && IsGoTemplate(text))
                {
                    fileBag.Add(NotADeploymentManifest.Descriptor, SourceSpan.FileStart,
                        "the file is a Helm / Go template ({{ ... }} directives), not YAML until rendered; it is skipped. Lint the rendered output (helm template ... > rendered.yaml) or the chart's values file");
                    return Finish(filePath, deployments, fileBag, options);
                }
                // The line index is built only when a document needs it (another tool's file, or an ignore comment to place).
                foreach (var problem in read.Problems)
                {
                    string? placeholder = problem.Kind == YamlProblemKind.ComplexKey ? Placeholder(source ??= new SourceText(text), text, problem.Span) : null;
                    if (placeholder != null)
                    {
                        // hf_token: {{HF_TOKEN}} parses as a mapping used as a key; it is a value filled in when the file is rendered.
                        var where = new SourceSpan(problem.Span.StartLine, Math.Max(1, problem.Span.StartColumn - 1), problem.Span.StartLine, Math.Max(1, problem.Span.StartColumn - 1) + placeholder.Length);
                        fileBag.Add(PlanDetailUnknown.Descriptor, where,
                            $"{ManifestBinder.Shorten(placeholder)} is an unrendered template placeholder: its value is filled in when the file is rendered, so it is not known here");
                        continue;
                    }
                    fileBag.Add(DescriptorFor(problem.Kind), problem.Span, problem.Message);
                }
                bool hasIgnoreComments = text.IndexOf("deploylint:", StringComparison.OrdinalIgnoreCase) >= 0;
                bool any = false;
                string? foreign = null;
                int previousEnd = 0;
                var expansion = new ExpansionBudget();
                var configMaps = ConfigMapsOf(read.Documents);
                foreach (var document in read.Documents)
                {
                    var ignoreRange = new SourceSpan(previousEnd + 1, 1, document.Span.EndLine, document.Span.EndColumn);
                    previousEnd = document.Span.EndLine;
                    if (document.Root == null) continue;
                    if (hasIgnoreComments && (source ??= new SourceText(text)).HasIgnoreComment(ignoreRange))
                    {
                        any = true;
                        continue;
                    }
                    if (DeploymentReaders.IsNative(document.Root))
                    {
                        any = true;
                        deployments.Add(LintDocument(document, filePath, options));
                        continue;
                    }
                    var foreignDeployments = DeploymentReaders.Read(new ReadContext(filePath, source ??= new SourceText(text), options.Catalog, document, expansion, configMaps) { Defaults = options.Defaults });
                    if (foreignDeployments.Count == 0)
                    {
                        foreign ??= DeploymentReaders.Describe((YMapping)document.Root);
                        continue;
                    }
                    any = true;
                    foreach (var f in foreignDeployments) deployments.Add(Check(f.Manifest, f.Bag, options));
                }
                if (!any && foreign != null && read.Problems.Count == 0)
                {
                    fileBag.Add(NotADeploymentManifest.Descriptor, SourceSpan.FileStart,
                        $"the file holds a {foreign} that launches no serving engine DeployLint reads (vLLM, SGLang, TensorRT-LLM); it is skipped");
                }
                else if (!any && read.Problems.Count == 0)
                {
                    fileBag.Add(UnsupportedDocument.Descriptor, SourceSpan.FileStart,
                        $"the file holds no deployment; a manifest starts with apiVersion: {ManifestBinder.ApiVersionV1} and kind: {ManifestBinder.KindInferenceDeployment}");
                }
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                fileBag.Add(InternalError.Descriptor, SourceSpan.FileStart, "internal error: " + ex.GetType().Name + ": " + ex.Message);
            }
            return Finish(filePath, deployments, fileBag, options);
        }

        /// <summary>
        /// Go template actions ({{- if ... }}, {{ .Values.x }}) that make a chart's templates unparsable as YAML, or
        /// placeholders ({{HF_TOKEN}}, {{ model_name }}) that a templating step fills in.
        /// </summary>
        private static bool IsGoTemplate(string text)
        {
            int open = text.IndexOf("{{", StringComparison.Ordinal);
            return open >= 0 && text.IndexOf("}}", open, StringComparison.Ordinal) > open
                && (text.IndexOf("{{-", StringComparison.Ordinal) >= 0 || text.IndexOf("{{ .", StringComparison.Ordinal) >= 0 || text.IndexOf("{{.", StringComparison.Ordinal) >= 0
                    || text.IndexOf("{{ include", StringComparison.Ordinal) >= 0 || text.IndexOf("{{ if", StringComparison.Ordinal) >= 0
                    || PlaceholderPattern.IsMatch(text));
        }

        private static readonly System.Text.RegularExpressions.Regex PlaceholderPattern =
            new System.Text.RegularExpressions.Regex(@"\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>The ConfigMaps among a file's documents (kind: ConfigMap), by name: engine config files a pod may mount; null when none.</summary>
        private static Dictionary<string, YMapping>? ConfigMapsOf(IReadOnlyList<YDocument> documents)
        {
            Dictionary<string, YMapping>? result = null;
            foreach (var document in documents)
            {
                if (!(document.Root is YMapping root) || YamlAccess.Str(root, "kind") != "ConfigMap") continue;
                if (YamlAccess.Str(root, "metadata", "name") is string name && YamlAccess.Map(root, "data") is YMapping data)
                {
                    (result ??= new Dictionary<string, YMapping>(StringComparer.Ordinal))[name] = data;
                }
            }
            return result;
        }

        /// <summary>The {{NAME}} placeholder written at a span, or null.</summary>
        private static string? Placeholder(SourceText source, string text, SourceSpan span)
        {
            int at = source.Offset(span.StartLine, span.StartColumn);
            if (at < 0 || at >= text.Length) return null;
            if (at > 0 && text[at] == '{' && text[at - 1] == '{') at--; // the span is the inner {NAME}, the key of the outer mapping
            var m = PlaceholderPattern.Match(text, at);
            return m.Success && m.Index == at ? m.Value : null;
        }

        private static DeploymentResult LintDocument(YDocument document, string filePath, LintOptions options)
        {
            var bag = new DiagnosticBag(filePath);
            var manifest = new DeploymentManifest { DocumentSpan = document.Span, DocumentIndex = document.Index };
            try
            {
                manifest = ManifestBinder.Bind(document, bag);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                bag.Add(InternalError.Descriptor, document.Span, "internal error: " + ex.GetType().Name + ": " + ex.Message);
                return new DeploymentResult(manifest, null, null, null, ApplySuppressions(manifest, bag));
            }
            return Check(manifest, bag, options);
        }

        /// <summary>Resolves a manifest (native or read from another tool's file), estimates it and runs every rule that applies.</summary>
        private static DeploymentResult Check(DeploymentManifest manifest, DiagnosticBag bag, LintOptions options)
        {
            DeploymentPlan? plan = null;
            MemoryEstimate? memory = null;
            TimeEstimate? time = null;
            try
            {
                plan = PlanResolver.Resolve(manifest, options.Catalog, options.Files, bag, out var withoutModel);
                if (withoutModel != null)
                {
                    // The model is unknown (a warning said so): the checks that need no architecture still run.
                    var partial = new PlanContext(withoutModel, null, null, options.Catalog, bag);
                    foreach (var rule in RuleRegistry.PlanRules)
                    {
                        if (!rule.NeedsModel && (withoutModel.HardwareKnown || !rule.NeedsHardware)) rule.Analyze(partial);
                    }
                }
                if (plan != null)
                {
                    plan.PricePerGpuHour = manifest.Hardware.PricePerGpuHour?.Value
                        ?? (plan.HardwareKnown && options.Prices != null && options.Prices.TryGetValue(plan.Gpu.Id, out double price) ? price : (double?)null);
                    if (plan.HardwareKnown)
                    {
                        memory = MemoryEstimator.Estimate(plan);
                        time = TimeEstimator.Estimate(plan, memory, options.Catalog.Efficiency);
                    }
                    var context = new PlanContext(plan, memory, time, options.Catalog, bag);
                    foreach (var rule in RuleRegistry.PlanRules)
                    {
                        if (plan.HardwareKnown || !rule.NeedsHardware) rule.Analyze(context);
                    }
                }
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                bag.Add(InternalError.Descriptor, manifest.DocumentSpan, "internal error: " + ex.GetType().Name + ": " + ex.Message);
            }
            var diagnostics = ApplySuppressions(manifest, bag);
            return new DeploymentResult(manifest, plan, memory, time, diagnostics);
        }

        private static List<Diagnostic> ApplySuppressions(DeploymentManifest manifest, DiagnosticBag bag)
        {
            var result = new List<Diagnostic>(bag.Items);
            foreach (var entry in manifest.Suppressions)
            {
                var rule = RuleRegistry.Find(entry.Rule.Value);
                if (rule == null)
                {
                    result.Add(new Diagnostic(InvalidSuppression.Descriptor, InvalidSuppression.Descriptor.DefaultSeverity,
                        $"suppress names '{ManifestBinder.Shorten(entry.Rule.Value)}', which is not a DeployLint rule id", bag.FilePath, entry.Rule.Span));
                    continue;
                }
                string? reason = entry.Reason?.Value.Trim();
                if (string.IsNullOrEmpty(reason))
                {
                    result.Add(new Diagnostic(InvalidSuppression.Descriptor, InvalidSuppression.Descriptor.DefaultSeverity,
                        $"suppression of {rule.Id} has no reason; add reason: \"...\" so reviewers can judge it", bag.FilePath, entry.Rule.Span));
                    reason = "(no reason given)";
                }
                for (int i = 0; i < result.Count; i++)
                {
                    if (string.Equals(result[i].Id, rule.Id, StringComparison.Ordinal) && !result[i].IsSuppressed) result[i] = result[i].Suppressed(reason!);
                }
            }
            return result;
        }

        private static LintResult Finish(string filePath, List<DeploymentResult> deployments, DiagnosticBag fileBag, LintOptions options)
        {
            var all = Overridden(fileBag.Items, options);
            var adjusted = new List<DeploymentResult>(deployments.Count);
            foreach (var d in deployments)
            {
                var diagnostics = Overridden(d.Diagnostics, options);
                all.AddRange(diagnostics);
                adjusted.Add(new DeploymentResult(d.Manifest, d.Plan, d.Memory, d.Time, diagnostics));
            }
            all.Sort((a, b) =>
            {
                int c = a.Span.StartLine.CompareTo(b.Span.StartLine);
                if (c != 0) return c;
                c = a.Span.StartColumn.CompareTo(b.Span.StartColumn);
                return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
            });
            return new LintResult(filePath, adjusted, all);
        }

        private static List<Diagnostic> Overridden(IEnumerable<Diagnostic> diagnostics, LintOptions options)
        {
            var result = new List<Diagnostic>();
            foreach (var d in diagnostics)
            {
                var overridden = Override(d, options);
                if (overridden != null) result.Add(overridden);
            }
            return result;
        }

        private static Diagnostic? Override(Diagnostic d, LintOptions options)
        {
            if (options.SeverityOverrides != null && options.SeverityOverrides.TryGetValue(d.Id, out var severity))
            {
                return severity == Severity.Hidden ? null : d.Severity == severity ? d : d.WithSeverity(severity);
            }
            return d;
        }

        private static RuleDescriptor DescriptorFor(YamlProblemKind kind) => kind switch
        {
            YamlProblemKind.DuplicateKey => DuplicateKey.Descriptor,
            YamlProblemKind.ComplexKey => InvalidValue.Descriptor,
            YamlProblemKind.ControlCharacter => InvalidValue.Descriptor,
            YamlProblemKind.LimitExceeded => InputLimitExceeded.Descriptor,
            _ => MalformedYaml.Descriptor,
        };
    }
}
