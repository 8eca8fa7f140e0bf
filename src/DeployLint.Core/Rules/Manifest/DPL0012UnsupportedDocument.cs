namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0012: Unsupported apiVersion or kind</summary>
    public static class UnsupportedDocument
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0012",
            "Unsupported apiVersion or kind",
            RuleCategory.Manifest,
            Severity.Error,
            "The document's apiVersion or kind is not one DeployLint reads.");
    }
}
