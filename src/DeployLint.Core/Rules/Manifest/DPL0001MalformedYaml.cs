namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0001: Malformed YAML</summary>
    public static class MalformedYaml
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0001",
            "Malformed YAML",
            RuleCategory.Manifest,
            Severity.Error,
            "The file is not valid YAML; nothing after the error can be checked.");
    }
}
