namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0019: a user catalog entry is malformed or conflicts with an existing id.</summary>
    public static class InvalidCatalog
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0019",
            "Invalid user catalog entry",
            RuleCategory.Manifest,
            Severity.Error,
            "A user catalog (--catalog, DeployLintCatalog items) adds GPUs, links and models over the built-in catalog; an entry that lacks a required field, has an impossible value, or reuses an existing id is refused rather than silently overriding the catalog.");
    }
}
