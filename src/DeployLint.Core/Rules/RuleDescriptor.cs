namespace DeployLint.Rules
{
    public enum RuleCategory
    {
        Manifest,
        Memory,
        Compute,
        Communication,
        Divisibility,
        Efficiency,
    }

    /// <summary>Everything the adapters (CLI, MSBuild task, analyzer, SARIF) need to know about a rule.</summary>
    public sealed class RuleDescriptor
    {

        public RuleDescriptor(string id, string title, RuleCategory category, Severity defaultSeverity, string description)
        {
            Id = id;
            Title = title;
            Category = category;
            DefaultSeverity = defaultSeverity;
            Description = description;
        }

        public string Id { get; }
        public string Title { get; }
        public RuleCategory Category { get; }
        public Severity DefaultSeverity { get; }

        /// <summary>One or two sentences: what the rule checks and why it matters.</summary>
        public string Description { get; }

        public string HelpUri => ProjectLinks.RulePage(Id);

        public override string ToString() => Id + ": " + Title;
    }
}
