namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0013: Duplicate key</summary>
    public static class DuplicateKey
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0013",
            "Duplicate key",
            RuleCategory.Manifest,
            Severity.Error,
            "The same key twice in one mapping; YAML loaders keep one of them silently, so the plan is ambiguous.");
    }
}
