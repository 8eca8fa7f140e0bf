using System.Linq;
using DeployLint.Catalog;
using DeployLint.Models;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Nemotron 3 Nano 30B-A3B (nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16 config.json): 23 Mamba-2, 23 MoE and 6 attention
    /// layers of hidden 2,688. Counted by hand:
    /// - Mamba-2 layer 38,744,896: norm 2,688, in_proj 2,688 x 10,304 (2 x 4,096 + 2 x 8 x 128 + 64), conv1d 6,144 x 4 with
    ///   bias, dt_bias / A_log / D 3 x 64, gated norm 4,096, out_proj 4,096 x 2,688;
    /// - MoE layer 1,297,468,160: norm, router 128 x 2,688 with its correction bias, 128 experts of up and down 2,688 x 1,856
    ///   (relu^2, no gate), a shared expert of 3,712;
    /// - attention layer 23,399,040: norm, q 32 x 128, k and v 2 x 128, o;
    /// - untied embeddings and lm_head 131,072 x 2,688 each, final norm.
    /// 31,577,940,288 in all: the model card's "31.6B total".
    /// </summary>
    public class NemotronHTests
    {
        private const string Id = "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16";

        [Fact]
        public void Parameter_count_matches_the_model_card()
        {
            var a = HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel(Id)!).Architecture!;
            Assert.Equal(31_577_940_288L, a.TotalParameters);
            Assert.Equal(23L * 128 * 2 * 2_688 * 1_856, a.RoutedExpertParameters);
            Assert.Equal((23, 23, 6), (a.Layers.Count(l => l.Kv.Kind == AttentionKind.Recurrent), a.Layers.Count(l => l.IsMoe), a.Layers.Count(l => l.Kv.Kind == AttentionKind.Gqa)));
        }

        [Fact]
        public void Mamba_state_and_vllm_pool_match_a_traced_reservation()
        {
            // Per request and Mamba layer: conv 3 x 6,144 x 2 bytes + SSM 64 heads x 64 x 128 x 4 bytes (float32).
            var d = Lint.Text(Lint.Header + $"model: {{ id: {Id} }}\nhardware: {{ gpu: H100-SXM-80GB }}\nserving: {{ engine: vllm@0.21, maxModelLen: 262144 }}\n").Deployments[0];
            var pool = d.Memory!.BindingStage.RecurrentPool!;
            Assert.Equal(3 * 6_144 * 2 + 64L * 64 * 128 * 4, pool.StatePageBytes);
            // The attention block grows to 16 x cdiv(2,134,016, 16 x 1,024) = 2,096 tokens; 6 attention layers make one group
            // and the 23 Mamba layers four; a 262,144-token request takes 126 + 4 x 2 blocks of 6 x 2,146,304 bytes:
            // 1,725,628,416, what a public planner traced for this model (apron model_spec tests).
            Assert.Equal((2_096, 1, 4, 6), (pool.BlockSize, pool.AttentionGroups, pool.StateGroups, pool.LayersPerGroup));
            Assert.Equal(1_725_628_416L, pool.BytesPerRequest(262_144));
        }

        [Fact]
        public void Only_the_attention_and_mamba_layers_keep_anything_per_request()
        {
            var a = HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel(Id)!).Architecture!;
            var moe = a.Layers.First(l => l.IsMoe);
            Assert.Equal(AttentionKind.None, moe.Kv.Kind);
            Assert.Equal(0, moe.Kv.BytesPerTokenPerGpu(1, 2));
            Assert.False(a.Layers[0].HasDenseMlp);
            Assert.Equal(AttentionKind.Gqa, a.FirstAttentionLayout!.Kind);
        }

        [Theory]
        [InlineData("nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-FP8", "fp8-e4m3")]
        [InlineData("nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-NVFP4", "nvfp4")]
        public void The_quantized_releases_resolve_to_the_bf16_one(string id, string weights)
        {
            var d = Lint.Text(Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: H100-SXM-80GB }}\nserving: {{ maxModelLen: 32768 }}\n").Deployments[0];
            Assert.Equal((Id, weights), (d.Plan!.ModelId, d.Plan.WeightsFormat));
        }

        [Fact]
        public void A_pattern_that_disagrees_with_the_layer_count_is_reported_at_the_config()
        {
            const string Config = "{\"model_type\": \"nemotron_h\", \"hidden_size\": 1024, \"num_hidden_layers\": 4, \"num_attention_heads\": 8, \"vocab_size\": 1000, " +
                                  "\"max_position_embeddings\": 4096, \"hybrid_override_pattern\": \"M*M\", \"mamba_num_heads\": 16, \"mamba_head_dim\": 64, \"ssm_state_size\": 128}";
            var files = new InMemoryFiles(("models/n/config.json", Config));
            var result = Lint.Text(Lint.Header + "model: { config: models/n/config.json }\nhardware: { gpu: H100-SXM-80GB }\n", new LintOptions { Files = files });
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL0009");
            Assert.Contains("the layer pattern names 3 layers but num_hidden_layers is 4", d.Message);
        }
    }
}
