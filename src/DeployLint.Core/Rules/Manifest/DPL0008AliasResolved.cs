namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0008: Short name resolved to a catalog id</summary>
    public static class AliasResolved
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0008",
            "Short name resolved to a catalog id",
            RuleCategory.Manifest,
            Severity.Info,
            "A short GPU or link name was resolved to its canonical catalog id; write the canonical id to make the plan unambiguous.");
    }
}
