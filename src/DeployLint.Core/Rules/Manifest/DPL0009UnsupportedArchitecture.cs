namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0009: Unsupported model architecture</summary>
    public static class UnsupportedArchitecture
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0009",
            "Unsupported model architecture",
            RuleCategory.Manifest,
            Severity.Warning,
            "The model's config.json names an architecture DeployLint cannot count exactly, or lacks a field it needs. A decoder with the usual fields (hidden_size, num_hidden_layers, num_attention_heads, vocab_size and an MLP width) is estimated as a Llama-style decoder, and the warning gives the bound on that estimate; anything else is not guessed, and only the checks that need no architecture run.");
    }
}
