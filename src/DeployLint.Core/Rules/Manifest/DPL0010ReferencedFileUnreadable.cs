namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0010: Referenced file cannot be read</summary>
    public static class ReferencedFileUnreadable
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0010",
            "Referenced file cannot be read",
            RuleCategory.Manifest,
            Severity.Error,
            "A file the manifest references (model.config) is missing, outside the repository, or not valid.");
    }
}
