namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0020: the file holds only documents of other tools (Kubernetes, compose, ...), which are skipped.</summary>
    public static class NotADeploymentManifest
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0020",
            "No DeployLint deployment in the file",
            RuleCategory.Manifest,
            Severity.Info,
            "Documents whose apiVersion is not deploylint/... (Kubernetes objects, Helm values, compose files) are not DeployLint manifests and are skipped, never reported as errors; a note says so when a file holds nothing else.");
    }
}
