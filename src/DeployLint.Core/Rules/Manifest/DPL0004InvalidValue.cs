namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0004: Invalid value</summary>
    public static class InvalidValue
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0004",
            "Invalid value",
            RuleCategory.Manifest,
            Severity.Error,
            "A value of the wrong type, unit or spelling for its field.");
    }
}
