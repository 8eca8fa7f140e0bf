using DeployLint.Estimation;
using DeployLint.Manifests;
using DeployLint.Plans;
using DeployLint.Yaml;

namespace DeployLint.Rules
{
    /// <summary>What a plan rule sees: the resolved plan, its estimate, and where to report.</summary>
    public sealed class PlanContext
    {
        public PlanContext(DeploymentPlan plan, MemoryEstimate memory, TimeEstimate time, Catalog.HardwareCatalog catalog, DiagnosticBag diagnostics)
        {
            Plan = plan;
            Memory = memory;
            Time = time;
            Catalog = catalog;
            Diagnostics = diagnostics;
        }

        public TimeEstimate Time { get; }
        public Catalog.HardwareCatalog Catalog { get; }

        public DeploymentPlan Plan { get; }
        public DeploymentManifest Manifest => Plan.Manifest;
        public MemoryEstimate Memory { get; }
        public DiagnosticBag Diagnostics { get; }

        public void Report(RuleDescriptor rule, SourceSpan span, string message) => Diagnostics.Add(rule, span, message);

        public void Report(RuleDescriptor rule, Severity severity, SourceSpan span, string message) => Diagnostics.Add(rule, severity, span, message);

        /// <summary>The span of a value if it was written, else of its section key, else of the document.</summary>
        public SourceSpan SpanOf<T>(Located<T>? value, SourceSpan? section = null) =>
            value?.Span ?? section ?? Manifest.Name?.Span ?? Manifest.DocumentSpan;
    }

    /// <summary>A rule that analyses a resolved plan and its estimate. One class per rule id.</summary>
    public abstract class PlanRule
    {
        public abstract RuleDescriptor Descriptor { get; }

        public abstract void Analyze(PlanContext context);
    }
}
