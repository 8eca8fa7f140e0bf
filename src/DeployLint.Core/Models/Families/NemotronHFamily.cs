using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>
    /// Nemotron-H and Nemotron 3 (nemotron_h; vLLM nemotron_h.py, NemotronHConfig). Each layer is one pre-normed block of a
    /// single kind, from hybrid_override_pattern ('M' Mamba-2, '*' attention, '-' MLP, 'E' MoE) or layers_block_type:
    /// - Mamba-2 mixer: in_proj to [z (intermediate), x B C (intermediate + 2 x n_groups x state), dt (heads)], a depthwise
    ///   conv1d over x B C with bias, dt_bias / A_log / D per head, a gated RMSNorm over intermediate, out_proj. Its state
    ///   per request is (conv_kernel - 1) x conv_dim in the model dtype plus heads x head_dim x state in
    ///   mamba_ssm_cache_dtype (float32 unless config.json says otherwise: vLLM NemotronHForCausalLMConfig);
    /// - attention without rotary embeddings or biases; MLP and experts are non-gated (up, relu^2, down);
    /// - MoE: a router (sigmoid, with e_score_correction_bias), routed experts and a shared expert of
    ///   moe_shared_expert_intermediate_size.
    /// Untied embeddings and lm_head. Latent MoE (moe_latent_size) and MTP layers are not modelled.
    /// </summary>
    internal sealed class NemotronHFamily : IArchitectureFamily
    {
        public IReadOnlyList<string> ModelTypes { get; } = new[] { "nemotron_h" };

        public Architecture Build(ModelConfig c)
        {
            if (c.Int("moe_latent_size", 0) > 0)
            {
                throw new ModelConfigException("Nemotron's latent MoE (moe_latent_size) is not modelled", c.SpanOf("moe_latent_size"));
            }
            var config = Parts.WithAliases(c, ("head_dim", "attention_head_dim"));
            var a = new Architecture { Family = "nemotron_h" };
            Parts.Common(a, config);
            a.TiedEmbeddings = config.Bool("tie_word_embeddings", false);
            // Its attention has no rotary embedding, so vLLM keeps no cos/sin cache.
            a.RotaryPositions = 0;
            long h = a.HiddenSize;
            var blocks = Blocks(config, config.Int("num_hidden_layers"));

            long heads = config.Int("mamba_num_heads");
            long headDim = config.Int("mamba_head_dim");
            long state = config.Int("ssm_state_size");
            long groups = config.Int("n_groups", 1);
            long kernel = config.Int("conv_kernel", 4);
            long inner = heads * headDim;
            long convDim = inner + 2 * groups * state;
            string ssmDtype = config.OptionalString("mamba_ssm_cache_dtype") ?? "float32";
            int ssmBytes = ssmDtype == "float32" ? 4 : 0;
            var recurrent = new KvLayout(AttentionKind.Recurrent, 0, 0, 0, 0,
                recurrent: new RecurrentState(convDim, Math.Max(0, kernel - 1), heads, state, headDim, ssmBytes));
            var noCache = new KvLayout(AttentionKind.None, 0, 0, 0, 0);

            long experts = config.Int("n_routed_experts", 0);
            long moeIntermediate = config.Int("moe_intermediate_size", 0);
            long sharedIntermediate = config.Int("moe_shared_expert_intermediate_size", 0);
            if (blocks.IndexOf('E') >= 0)
            {
                if (experts <= 0 || moeIntermediate <= 0) throw new ModelConfigException("config.json has MoE layers ('E') but no 'n_routed_experts' / 'moe_intermediate_size'", c.Root.Span);
                a.Moe = new MoeInfo(experts, config.Int("num_experts_per_tok"), sharedIntermediate > 0 ? 1 : 0, moeIntermediate);
            }
            bool mlpBias = config.Bool("mlp_bias", false);
            bool convBias = config.Bool("use_conv_bias", true);
            bool projBias = config.Bool("mamba_proj_bias", false);

            var kinds = new Dictionary<char, DecoderLayer>();
            DecoderLayer Kind(char block)
            {
                if (kinds.TryGetValue(block, out var layer)) return layer;
                var t = new List<WeightTensor> { Parts.Norm("norm", h) };
                switch (block)
                {
                    case 'M':
                        t.Add(new WeightTensor("mixer.in_proj", TensorRole.Attention, Sharding.Column, 2 * inner + 2 * groups * state + heads, h));
                        if (projBias) t.Add(new WeightTensor("mixer.in_proj.bias", TensorRole.Attention, Sharding.Column, 2 * inner + 2 * groups * state + heads, 1, isVector: true));
                        t.Add(new WeightTensor("mixer.conv1d", TensorRole.Attention, Sharding.Column, convDim, kernel, isVector: true));
                        if (convBias) t.Add(new WeightTensor("mixer.conv1d.bias", TensorRole.Attention, Sharding.Column, convDim, 1, isVector: true));
                        t.Add(new WeightTensor("mixer.dt_bias_A_log_D", TensorRole.Attention, Sharding.Column, 3 * heads, 1, isVector: true));
                        t.Add(new WeightTensor("mixer.norm", TensorRole.Norm, Sharding.Column, inner, 1, isVector: true));
                        t.Add(new WeightTensor("mixer.out_proj", TensorRole.Attention, Sharding.Row, h, inner));
                        if (projBias) t.Add(new WeightTensor("mixer.out_proj.bias", TensorRole.Attention, Sharding.Replicated, h, 1, isVector: true));
                        layer = new DecoderLayer(t, recurrent, isMoe: false);
                        break;
                    case '*':
                        Parts.Attention(t, a, qkvBias: config.Bool("attention_bias", false), oBias: config.Bool("attention_bias", false), qkNorm: false);
                        layer = new DecoderLayer(t, Parts.Gqa(a, 0), isMoe: false);
                        break;
                    case '-':
                        Parts.PlainMlp(t, h, a.IntermediateSize, mlpBias, "mixer.up_proj", "mixer.down_proj");
                        layer = new DecoderLayer(t, noCache, isMoe: false);
                        break;
                    default:
                        t.Add(new WeightTensor("mixer.gate", TensorRole.Router, Sharding.Replicated, experts, h));
                        t.Add(new WeightTensor("mixer.gate.e_score_correction_bias", TensorRole.Router, Sharding.Replicated, experts, 1, isVector: true));
                        t.Add(new WeightTensor("mixer.experts.up_proj", TensorRole.RoutedExpert, Sharding.ExpertColumn, moeIntermediate, h, experts));
                        t.Add(new WeightTensor("mixer.experts.down_proj", TensorRole.RoutedExpert, Sharding.ExpertRow, h, moeIntermediate, experts));
                        if (sharedIntermediate > 0)
                        {
                            t.Add(new WeightTensor("mixer.shared_experts.up_proj", TensorRole.SharedExpert, Sharding.Column, sharedIntermediate, h));
                            t.Add(new WeightTensor("mixer.shared_experts.down_proj", TensorRole.SharedExpert, Sharding.Row, h, sharedIntermediate));
                        }
                        layer = new DecoderLayer(t, noCache, isMoe: true);
                        break;
                }
                kinds[block] = layer;
                return layer;
            }

            foreach (char block in blocks) a.Layers.Add(Kind(block));
            a.Head.Add(Parts.Norm("norm_f", h));
            if (!a.TiedEmbeddings) a.Head.Add(new WeightTensor("lm_head", TensorRole.LmHead, Sharding.Vocab, a.VocabSize, h));
            return a;
        }

        /// <summary>One block letter per layer: hybrid_override_pattern, or layers_block_type's names.</summary>
        private static string Blocks(ModelConfig c, long layers)
        {
            var named = c.StringList("layers_block_type");
            string pattern;
            if (named.Count > 0)
            {
                var letters = new char[named.Count];
                for (int i = 0; i < named.Count; i++)
                {
                    letters[i] = named[i] switch
                    {
                        "mamba" => 'M',
                        "attention" => '*',
                        "mlp" => '-',
                        "moe" => 'E',
                        _ => throw new ModelConfigException($"layers_block_type[{i}] is '{named[i]}'; Nemotron-H blocks are mamba, attention, mlp and moe", c.SpanOf("layers_block_type")),
                    };
                }
                pattern = new string(letters);
            }
            else
            {
                pattern = c.OptionalString("hybrid_override_pattern") ?? throw new ModelConfigException("a nemotron_h config.json needs 'hybrid_override_pattern' or 'layers_block_type'", c.Root.Span);
            }
            foreach (char ch in pattern)
            {
                if (ch != 'M' && ch != '*' && ch != '-' && ch != 'E')
                {
                    throw new ModelConfigException($"hybrid_override_pattern has '{ch}'; Nemotron-H blocks are M (Mamba-2), * (attention), - (MLP) and E (MoE)", c.SpanOf("hybrid_override_pattern"));
                }
            }
            if (pattern.Length != layers)
            {
                throw new ModelConfigException($"the layer pattern names {pattern.Length} layers but num_hidden_layers is {layers}", c.SpanOf("num_hidden_layers"));
            }
            return pattern;
        }
    }
}
