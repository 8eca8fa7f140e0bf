namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0006: Unknown model</summary>
    public static class UnknownModel
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0006",
            "Unknown model",
            RuleCategory.Manifest,
            Severity.Warning,
            "The model id is not in the catalog; reference its config.json with model.config or use a catalog id.");
    }
}
