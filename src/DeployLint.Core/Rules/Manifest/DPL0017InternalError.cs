namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0017: DeployLint itself failed on this document; reported instead of crashing the build or the IDE.</summary>
    public static class InternalError
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0017",
            "DeployLint could not check this document",
            RuleCategory.Manifest,
            Severity.Warning,
            "An unexpected failure inside DeployLint while checking this document. The document is not checked; please report it with the manifest.");
    }
}
