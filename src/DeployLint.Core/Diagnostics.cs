using System.Collections.Generic;
using DeployLint.Rules;
using DeployLint.Yaml;

namespace DeployLint
{
    public enum Severity
    {
        Hidden = 0,
        Info = 1,
        Warning = 2,
        Error = 3,
    }

    public static class SeverityNames
    {
        public static string ToName(this Severity severity) => severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            Severity.Info => "info",
            _ => "hidden",
        };

        public static bool TryParse(string text, out Severity severity)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "error": severity = Severity.Error; return true;
                case "warning": case "warn": severity = Severity.Warning; return true;
                case "info": case "suggestion": case "note": severity = Severity.Info; return true;
                case "hidden": case "silent": case "none": severity = Severity.Hidden; return true;
                default: severity = Severity.Hidden; return false;
            }
        }
    }

    /// <summary>
    /// A fix a diagnostic's message names, as an edit: the scalar at <see cref="Span"/>, which reads <see cref="OldText"/>,
    /// becomes <see cref="NewText"/>. An editor offers it only while the text there is still the old value.
    /// </summary>
    public sealed class SuggestedFix
    {
        public SuggestedFix(string title, SourceSpan span, string oldText, string newText)
        {
            Title = title;
            Span = span;
            OldText = oldText;
            NewText = newText;
        }

        public string Title { get; }
        public SourceSpan Span { get; }
        public string OldText { get; }
        public string NewText { get; }
    }

    /// <summary>One finding: which rule, how bad, what decided it, and exactly where.</summary>
    public sealed class Diagnostic
    {
        public Diagnostic(RuleDescriptor rule, Severity severity, string message, string filePath, SourceSpan span, string? suppressionReason = null)
        {
            Rule = rule;
            Severity = severity;
            Message = message;
            FilePath = filePath;
            Span = span;
            SuppressionReason = suppressionReason;
        }

        public RuleDescriptor Rule { get; }
        public string Id => Rule.Id;
        public Severity Severity { get; }
        public string Message { get; }
        public string FilePath { get; }
        public SourceSpan Span { get; }
        public int Line => Span.StartLine;
        public int Column => Span.StartColumn;

        /// <summary>Set when a manifest <c>suppress:</c> entry silenced it; suppressed diagnostics are kept for SARIF.</summary>
        public string? SuppressionReason { get; }
        public bool IsSuppressed => SuppressionReason != null;

        /// <summary>The fix the message names, when it is a single value to change.</summary>
        public SuggestedFix? Fix { get; private set; }

        public Diagnostic WithFix(SuggestedFix? fix)
        {
            Fix = fix;
            return this;
        }

        public Diagnostic WithSeverity(Severity severity) => new Diagnostic(Rule, severity, Message, FilePath, Span, SuppressionReason) { Fix = Fix };

        public Diagnostic Suppressed(string reason) => new Diagnostic(Rule, Severity, Message, FilePath, Span, reason) { Fix = Fix };

        public override string ToString() =>
            $"{FilePath}({Span.StartLine},{Span.StartColumn}): {Severity.ToName()} {Id}: {Message}";
    }

    /// <summary>Collects the diagnostics of one deployment document.</summary>
    public sealed class DiagnosticBag
    {
        private readonly List<Diagnostic> _items = new List<Diagnostic>();

        public DiagnosticBag(string filePath) { FilePath = filePath; }

        public string FilePath { get; }
        public IReadOnlyList<Diagnostic> Items => _items;
        public bool HasErrors
        {
            get
            {
                foreach (var d in _items) if (d.Severity == Severity.Error) return true;
                return false;
            }
        }

        public void Add(RuleDescriptor rule, SourceSpan span, string message) =>
            _items.Add(new Diagnostic(rule, rule.DefaultSeverity, message, FilePath, span));

        public void Add(RuleDescriptor rule, Severity severity, SourceSpan span, string message) =>
            _items.Add(new Diagnostic(rule, severity, message, FilePath, span));

        public void Add(RuleDescriptor rule, Severity severity, SourceSpan span, string message, SuggestedFix? fix) =>
            _items.Add(new Diagnostic(rule, severity, message, FilePath, span).WithFix(fix));

    }
}
