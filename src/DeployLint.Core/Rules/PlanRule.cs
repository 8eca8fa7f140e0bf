using DeployLint.Estimation;
using DeployLint.Manifests;
using DeployLint.Plans;
using DeployLint.Yaml;

namespace DeployLint.Rules
{
    /// <summary>What a plan rule sees: the resolved plan, its estimate, and where to report.</summary>
    public sealed class PlanContext
    {
        private readonly MemoryEstimate? _memory;
        private readonly TimeEstimate? _time;

        /// <summary>A context for a plan; memory and time are null when the GPU is unknown (then only rules without <see cref="PlanRule.NeedsHardware"/> run).</summary>
        public PlanContext(DeploymentPlan plan, MemoryEstimate? memory, TimeEstimate? time, Catalog.HardwareCatalog catalog, DiagnosticBag diagnostics)
        {
            Plan = plan;
            _memory = memory;
            _time = time;
            Catalog = catalog;
            Diagnostics = diagnostics;
        }

        /// <summary>False when the GPU is unknown: <see cref="Memory"/> and <see cref="Time"/> are then unavailable.</summary>
        public bool HasEstimate => _memory != null && _time != null;

        public TimeEstimate Time => _time ?? throw new System.InvalidOperationException("no time estimate: the GPU is unknown");
        public Catalog.HardwareCatalog Catalog { get; }

        public DeploymentPlan Plan { get; }
        public DeploymentManifest Manifest => Plan.Manifest;
        public MemoryEstimate Memory => _memory ?? throw new System.InvalidOperationException("no memory estimate: the GPU is unknown");
        public DiagnosticBag Diagnostics { get; }

        public void Report(RuleDescriptor rule, SourceSpan span, string message) => Diagnostics.Add(rule, span, message);

        public void Report(RuleDescriptor rule, Severity severity, SourceSpan span, string message) => Diagnostics.Add(rule, severity, span, message);

        /// <summary>Reports with the fix the message names: <paramref name="value"/>'s scalar becomes <paramref name="newText"/>, when the file states it.</summary>
        public void Report<T>(RuleDescriptor rule, Severity severity, SourceSpan span, string message, Located<T>? value, string title, string newText) =>
            Diagnostics.Add(rule, severity, span, message,
                value != null && value.Span.StartLine == value.Span.EndLine
                    ? new SuggestedFix(title, value.Span, System.Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", newText)
                    : null);

        /// <summary>The span of a value if it was written, else of its section key, else of the document.</summary>
        public SourceSpan SpanOf<T>(Located<T>? value, SourceSpan? section = null) =>
            value?.Span ?? section ?? Manifest.Name?.Span ?? Manifest.DocumentSpan;
    }

    /// <summary>A rule that analyses a resolved plan and its estimate. One class per rule id.</summary>
    public abstract class PlanRule
    {
        public abstract RuleDescriptor Descriptor { get; }

        /// <summary>False for rules that need only the model and the layout, which still run when a deployment file does not name its GPU.</summary>
        public virtual bool NeedsHardware => true;

        /// <summary>False for rules that need only the GPU, the layout and declared formats, which still run when the model is unknown.</summary>
        public virtual bool NeedsModel => true;

        public abstract void Analyze(PlanContext context);
    }
}
