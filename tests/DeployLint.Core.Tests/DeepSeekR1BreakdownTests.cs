using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// The per-GPU breakdown of the DeepSeek-R1 samples against values computed by hand from config.json
    /// (hidden 7168, 61 layers, 3 dense, 256 routed + 1 shared expert of 2048, MLA q_lora 1536 / kv_lora 512 /
    /// rope 64 / nope 128 / v 128, vocab 129280, FP8 E4M3 with one FP32 scale per 128x128 block, vLLM sharding).
    /// </summary>
    public class DeepSeekR1BreakdownTests
    {
        // One GPU at TP 8, bytes:
        //   embedding, lm_head (bf16, vocab 129280 / 8 = 16160 rows x 7168 x 2)         231,669,760 each
        //   final norm 7168 x 2                                                              14,336
        //   rotary cache 163,840 positions x 64 x 2                                      20,971,520
        //   attention per layer: norms 14,336 + 14,336 + 3,072 + 1,024;
        //     q_a_proj (replicated) 1536x7168 + 12x56 blocks x 4       11,012,736
        //     q_b_proj 3072x1536 + 24x12 x 4                            4,719,744
        //     kv_a_proj_with_mqa (replicated) 576x7168 + 5x56 x 4       4,129,888
        //     kv_b_proj 4096x512 + 32x4 x 4                             2,097,664
        //     o_proj 7168x2048 + 56x16 x 4                             14,683,648   -> 36,676,448
        //   dense MLP: gate, up 2304x7168 + 18x56 x 4 = 16,519,104 each; down 7168x2304 + 56x18 x 4 = 16,519,104
        //     -> dense layer 36,676,448 + 49,557,312 = 86,233,760
        //   MoE: router 256x7168 x 2 = 3,670,016; e_score_correction_bias 256 x 4 = 1,024;
        //     256 experts x (2 x (256x7168 + 2x56 x 4) + (7168x256 + 56x2 x 4)) = 256 x 5,506,368 = 1,409,630,208;
        //     shared expert 5,506,368 -> MoE layer 36,676,448 + 1,418,807,616 = 1,455,484,064
        private const long Embedding = 231_669_760;
        private const long FinalNorm = 14_336;
        private const long Rotary = 20_971_520;
        private const long DenseLayer = 86_233_760;
        private const long MoeLayer = 1_455_484_064;

        [Fact]
        public void Fp8_tp8_on_h200_holds_all_61_layers_per_gpu()
        {
            var d = Lint.Text(System.IO.File.ReadAllText(Repo.PathOf("samples/manifests/deepseek-r1-fp8-8xh200-tp8.deploy.yaml"))).Deployments.Single();
            long expected = 2 * Embedding + FinalNorm + Rotary + 3 * DenseLayer + 58 * MoeLayer;
            Assert.Equal(85_161_102_368, expected);
            Assert.Equal(expected, d.Memory!.WeightsBytes);
            // MLA cache: 61 layers x (512 + 64) x 2 bytes, the same on every TP rank.
            Assert.Equal(70_272, d.Memory.KvBytesPerToken);
        }

        [Fact]
        public void Fp8_tp8_pp2_on_h100_splits_31_and_30_layers_and_reports_the_larger_stage()
        {
            var d = Lint.Text(System.IO.File.ReadAllText(Repo.PathOf("samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml"))).Deployments.Single();
            var stages = d.Memory!.Stages;
            // vLLM get_pp_indices(61, rank, 2): [31, 30].
            Assert.Equal(new[] { 31, 30 }, stages.Select(s => s.LayerCount).ToArray());
            Assert.Equal(Embedding + Rotary + 3 * DenseLayer + 28 * MoeLayer, stages[0].WeightsBytes);
            Assert.Equal(Embedding + FinalNorm + Rotary + 30 * MoeLayer, stages[1].WeightsBytes);
            Assert.Equal(43_917_177_536, d.Memory.WeightsBytes);
            Assert.Equal(1, d.Memory.LargestStage.Stage);
            // KV per token per GPU for the 31 layers of stage 0 is larger: 31 x 576 x 2 = 35,712; stage 1: 34,560.
            Assert.Equal(35_712, stages[0].KvBytesPerToken);
            Assert.Equal(34_560, stages[1].KvBytesPerToken);
            // The H100 budget: 85,017,493,504 x 0.90; activation at 8192 batched tokens: hidden + residual
            // 2 x 8192 x 7168 x 2 = 234,881,024 plus the fused-MoE workspace (vLLM TritonExperts.workspace_shapes)
            // (8192 x 8 x (max(2 x 256, 7168) + max(256, 7168)) + 8192 x 7168) x 2 = 1,996,488,704, which stays held
            // while the sampler runs over maxConcurrentSequences 24 rows x 129,280 vocab x (2 + 12) bytes, batch-sharded over
            // TP 8 (vLLM 0.29+, the default version): 3 rows per rank, 5,429,760 bytes;
            // runtime overhead 0.25 + 1.76 + 0.03 x 8 GiB (NVLS on H100 NVSwitch).
            Assert.Equal(234_881_024L + 1_996_488_704L + 5_429_760L, d.Memory.ActivationBytes);
            Assert.Equal((long)(2.25 * (1L << 30)), d.Memory.OverheadBytes);
            Assert.DoesNotContain(d.Diagnostics, x => x.Severity >= Severity.Warning);
        }

        [Fact]
        public void Bf16_on_16_a100_does_not_fit()
        {
            var d = Lint.Text(System.IO.File.ReadAllText(Repo.PathOf("samples/manifests/deepseek-r1-bf16-16xa100.deploy.yaml"))).Deployments.Single();
            var error = Assert.Single(d.Diagnostics, x => x.Severity == Severity.Error);
            Assert.Equal("DPL1001", error.Id);
            Assert.Equal((11, 8), (error.Line, error.Column));
            // 671,026,404,352 parameters x 2 bytes = 1,250 GiB over 16 GPUs: ~78 GiB, plus replicated MLA parts.
            Assert.InRange(d.Memory!.WeightsBytes / (double)(1L << 30), 78.0, 82.0);
        }

        [Fact]
        public void Fp8_on_8_a100_does_not_fit()
        {
            var d = Lint.Text(System.IO.File.ReadAllText(Repo.PathOf("samples/manifests/deepseek-r1-fp8-8xa100-tp8.deploy.yaml"))).Deployments.Single();
            Assert.Contains(d.Diagnostics, x => x.Id == "DPL1001" && x.Severity == Severity.Error);
            Assert.Equal(85_161_102_368, d.Memory!.WeightsBytes);
        }
    }
}
