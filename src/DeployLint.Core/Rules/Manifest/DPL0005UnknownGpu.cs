namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0005: Unknown GPU</summary>
    public static class UnknownGpu
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0005",
            "Unknown GPU",
            RuleCategory.Manifest,
            Severity.Error,
            "The GPU id is not in the catalog; add it with a user catalog or use a catalog id.");
    }
}
