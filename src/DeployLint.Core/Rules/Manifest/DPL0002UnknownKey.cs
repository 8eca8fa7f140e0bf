namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0002: Unknown key</summary>
    public static class UnknownKey
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0002",
            "Unknown key",
            RuleCategory.Manifest,
            Severity.Error,
            "A key the manifest schema does not define; usually a typo that would otherwise silently fall back to a default.");
    }
}
