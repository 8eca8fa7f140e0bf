namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0007: Number out of range</summary>
    public static class OutOfRange
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0007",
            "Number out of range",
            RuleCategory.Manifest,
            Severity.Error,
            "A number outside the range the field can take (zero or negative sizes, fractions above 1, absurd magnitudes).");
    }
}
