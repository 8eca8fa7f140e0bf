namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0003: Missing required field</summary>
    public static class MissingField
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0003",
            "Missing required field",
            RuleCategory.Manifest,
            Severity.Error,
            "A field the plan cannot be checked without is absent.");
    }
}
