namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0009: Unsupported model architecture</summary>
    public static class UnsupportedArchitecture
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0009",
            "Unsupported model architecture",
            RuleCategory.Manifest,
            Severity.Warning,
            "The model's config.json names an architecture DeployLint cannot count exactly, or lacks a field it needs; DeployLint does not guess.");
    }
}
