namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0014: Weight format contradicts the checkpoint</summary>
    public static class CheckpointFormatMismatch
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0014",
            "Weight format contradicts the checkpoint",
            RuleCategory.Manifest,
            Severity.Warning,
            "model.weights differs from the format the quantized checkpoint stores; the engine loads what the checkpoint holds.");
    }
}
