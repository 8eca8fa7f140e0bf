using DeployLint.Manifests;
namespace DeployLint.Rules.Divisibility
{
    /// <summary>DPL4005: maxModelLen is longer than the context the model was built for.</summary>
    public sealed class MaxModelLenExceedsContext : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL4005",
            "maxModelLen exceeds the model's context length",
            RuleCategory.Divisibility,
            Severity.Error,
            "The engine derives the longest context from config.json (max_position_embeddings, scaled by rope_scaling where that extends it) and rejects a longer max_model_len (vLLM: 'User-specified max_model_len (X) is greater than the derived max_model_len').");

        public override RuleDescriptor Descriptor => Rule;

        public override bool NeedsHardware => false;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            long derived = p.Architecture.DerivedMaxModelLen;
            if (c.Manifest.Serving.MaxModelLen == null || p.MaxModelLen <= derived) return;
            if (c.Manifest.Serving.RopeScalingOverride != null)
            {
                c.Report(Rule, Severity.Info, c.Manifest.Serving.MaxModelLen.Span,
                    $"maxModelLen {Units.Count(p.MaxModelLen)} is beyond the {Units.Count(derived)} tokens of {p.ModelId}'s config.json, and the command line overrides its rope scaling ({ManifestBinder.Shorten(c.Manifest.Serving.RopeScalingOverride.Value)}); the engine derives the limit from that override, which DeployLint does not check");
                return;
            }
            if (p.Engine == Plans.ServingEngine.Trtllm)
            {
                // TensorRT-LLM takes max_seq_len as given (the LLM API and trtllm-build size buffers to it); it does not refuse.
                c.Report(Rule, Severity.Warning, c.Manifest.Serving.MaxModelLen.Span,
                    $"maxModelLen {Units.Count(p.MaxModelLen)} (max_seq_len) is greater than the {Units.Count(derived)} tokens {p.ModelId} was built for; TensorRT-LLM accepts it, but positions past {Units.Count(derived)} are outside the model's training and outputs there may be wrong. Set max_seq_len to at most {Units.Count(derived)}");
                return;
            }
            if (c.Manifest.Serving.AllowLongMaxModelLen != null)
            {
                c.Report(Rule, Severity.Warning, c.Manifest.Serving.MaxModelLen.Span,
                    $"maxModelLen {Units.Count(p.MaxModelLen)} is greater than the {Units.Count(derived)} tokens {p.ModelId} was built for; VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 makes vLLM accept it, but positions past {Units.Count(derived)} are outside the model's training and outputs there may be wrong");
                return;
            }
            c.Report(Rule, c.Manifest.Serving.MaxModelLen.Span,
                $"maxModelLen {Units.Count(p.MaxModelLen)} is greater than the {Units.Count(derived)} tokens {p.ModelId} supports (max_position_embeddings {Units.Count(p.Architecture.MaxPositionEmbeddings)}" +
                (derived != p.Architecture.MaxPositionEmbeddings ? ", rope scaling applied" : "") + $"); set maxModelLen to at most {Units.Count(derived)}");
        }
    }
}
