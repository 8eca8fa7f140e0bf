using DeployLint.Plans;

namespace DeployLint.Rules.Memory
{
    /// <summary>
    /// DPL1007: a hybrid (Mamba / Gated DeltaNet) model on vLLM whose pool has fewer blocks than max_num_seqs: every decode
    /// sequence of a FULL CUDA graph needs its own state block, so vLLM refuses at start-up.
    /// </summary>
    public sealed class MambaBlocksBelowMaxNumSeqs : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL1007",
            "max_num_seqs exceeds the Mamba cache blocks",
            RuleCategory.Memory,
            Severity.Error,
            "A model with recurrent layers (Qwen3.5 / 3.6, Qwen3-Next, Nemotron-H, Kimi Linear) keeps one state block per running request in the same pool as the KV cache. vLLM captures FULL decode graphs up to max_num_seqs and checks that many blocks exist (config/compilation.py resolve_cudagraph_mode_and_sizes): 'ValueError: max_num_seqs (1024) exceeds available Mamba cache blocks (635). Each decode sequence requires one Mamba cache block, so CUDA graph capture cannot proceed.'");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            if (p.Engine != ServingEngine.Vllm || p.VllmV0 || p.EnforceEager || PlanResolver.VersionBelow(p.EngineVersion, 0, 21, 0)) return;
            // With MTP speculative decoding vLLM lowers the decode batch itself (club-3090: the check "bites non-MTP lanes").
            if (p.SpeculativeTokens > 0) return;
            var stage = c.Memory.BindingStage;
            if (stage.RecurrentPool is not Estimation.VllmRecurrentPool pool || stage.KvBudgetBytes <= 0) return;
            long blocks = pool.Blocks(stage.KvBudgetBytes);
            if (blocks <= 0 || p.MaxConcurrentSequences <= blocks) return;
            string which = p.MaxConcurrentSequencesDeclared ? "maxConcurrentSequences (max_num_seqs)" : $"vLLM's default max_num_seqs for {p.Gpu.Id}";
            c.Report(Rule, Rule.DefaultSeverity, c.SpanOf(c.Manifest.Serving.MaxConcurrentSequences, c.Manifest.Serving.KeySpan ?? c.Manifest.Model.Id?.Span),
                $"{which} is {Units.Count(p.MaxConcurrentSequences)}, but the pool holds {Units.Count(blocks)} blocks of {pool.LayersPerGroup} layers x {Units.Count(pool.PageBytes)} bytes " +
                $"({Units.GiB(stage.KvBudgetBytes)} per GPU), and every decode sequence of {p.ModelId} needs one for its recurrent state; vLLM refuses at start-up: " +
                $"'max_num_seqs ({p.MaxConcurrentSequences}) exceeds available Mamba cache blocks ({blocks})'. Set maxConcurrentSequences to at most {Units.Count(blocks)}, or free memory for the pool",
                c.Manifest.Serving.MaxConcurrentSequences, $"Set maxConcurrentSequences to {blocks}", blocks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
