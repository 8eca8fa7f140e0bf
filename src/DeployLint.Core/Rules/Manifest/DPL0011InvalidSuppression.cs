namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0011: Suppression without a reason or for an unknown rule</summary>
    public static class InvalidSuppression
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0011",
            "Suppression without a reason or for an unknown rule",
            RuleCategory.Manifest,
            Severity.Warning,
            "Every suppress entry must name an existing rule and say why, so reviewers can judge it.");
    }
}
