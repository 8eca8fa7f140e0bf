namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0016: Unknown interconnect</summary>
    public static class UnknownLink
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0016",
            "Unknown interconnect",
            RuleCategory.Manifest,
            Severity.Error,
            "The intraNode or interNode link id is not in the catalog.");
    }
}
