namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0015: Input limit exceeded</summary>
    public static class InputLimitExceeded
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0015",
            "Input limit exceeded",
            RuleCategory.Manifest,
            Severity.Error,
            "The file exceeds a safety limit (size, nesting, alias expansion, documents, value length) and is not read further.");
    }
}
