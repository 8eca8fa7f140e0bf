using System;
using DeployLint.Catalog;
using DeployLint.Estimation;
using Xunit;
using Xunit.Abstractions;

namespace DeployLint.Core.Tests
{
    public class TimeEstimateTests
    {
        private readonly ITestOutputHelper _output;

        public TimeEstimateTests(ITestOutputHelper output) { _output = output; }

        private static TimeEstimate Estimate(string yaml)
        {
            var d = Lint.Text(Lint.Header + yaml).Deployments[0];
            return d.Time!;
        }

        /// <summary>
        /// Measured one-forward-pass prefill of Llama-3.1-8B on an H100 (shared/calibration/h100-measured.json:
        /// bf16, sdpa, PyTorch 2.11): 1 x 4096 tokens 126.57 ms, 8 x 2048 tokens 488.82 ms. The efficiency factor was
        /// taken from the Qwen2.5-7B and Mistral-7B runs of the same file, not from these.
        /// </summary>
        [Theory]
        [InlineData(1, 4096, 126.57)]
        [InlineData(8, 2048, 488.82)]
        public void Llama_8b_prefill_on_h100_is_within_25_percent_of_the_measurement(int batch, int tokens, double measuredMs)
        {
            var catalog = HardwareCatalog.BuiltIn;
            var d = Lint.Text(Lint.Header + $"model: {{ id: meta-llama/Llama-3.1-8B-Instruct }}\nhardware: {{ gpu: H100-SXM-80GB }}\nserving: {{ maxModelLen: 8192 }}\nslo: {{ inputTokens: {tokens} }}\n").Deployments[0];
            // Prefill of `batch` prompts at once is batch x the single-prompt FLOPs (no cross-sequence attention).
            double flops = d.Time!.Prefill.Flops * batch;
            double predictedMs = flops / (TimeEstimator.PeakFlops(d.Plan!) * catalog.Efficiency.PrefillMfu) * 1000;
            double error = (predictedMs - measuredMs) / measuredMs;
            _output.WriteLine($"batch {batch} x {tokens}: predicted {predictedMs:0.0} ms, measured {measuredMs} ms, error {error:P1}");
            Assert.InRange(Math.Abs(error), 0, 0.25);
        }

        /// <summary>
        /// Without a CUDA graph a forward takes at least the host's dispatch of its kernels. sgl-project/sglang#12160: DeepSeek-V3
        /// in SGLang, a prefill of one new token, "forward cost" 82.64 ms eager (the catalog's 62 us per kernel comes from it).
        /// Cross-check from another engine, not used to set anything: wejoncy/sfllm#46, Qwen3-4B, a 129-token prefill in
        /// 16.61 ms eager. vLLM compiles and replays prefill piecewise, so the same plan there is bound by the GPU.
        /// </summary>
        [Theory]
        [InlineData("deepseek-ai/DeepSeek-V3", "H200-SXM-141GB", 8, 1, 82.64, 0.02)]
        [InlineData("Qwen/Qwen3-4B", "H100-SXM-80GB", 1, 129, 16.61, 0.25)]
        public void An_eager_prefill_takes_the_hosts_dispatch_of_its_kernels(string model, string gpu, int tensor, int tokens, double measuredMs, double tolerance)
        {
            string Plan(string engine) => $"model: {{ id: {model} }}\nhardware: {{ gpu: {gpu}, gpusPerNode: 8 }}\nparallelism: {{ tensor: {tensor} }}\n" +
                                          $"serving: {{ engine: {engine}, maxModelLen: 4096 }}\nslo: {{ inputTokens: {tokens}, outputTokens: 16 }}\n";
            // Before 0.5.8 SGLang captured no prefill graphs; from 0.5.8 it captures piecewise ones, except for MLA models.
            var sglang = Estimate(Plan("sglang, engineVersion: \"0.5.6\""));
            double error = sglang.Prefill.Seconds * 1000 / measuredMs - 1;
            _output.WriteLine($"{model}: {sglang.Prefill.Kernels} kernels, prefill {sglang.Prefill.Seconds * 1000:0.0} ms (GPU {sglang.Prefill.GpuSeconds * 1000:0.0}) vs {measuredMs} ms eager ({error:P1})");
            Assert.Equal(Bound.Host, sglang.Prefill.Dominant);
            Assert.InRange(Math.Abs(error), 0, tolerance);
            var vllm = Estimate(Plan("vllm"));
            Assert.Equal(0, vllm.Prefill.HostLaunchSeconds);
            Assert.True(vllm.Prefill.Seconds < sglang.Prefill.Seconds / 2);
            var recent = Estimate(Plan("sglang, engineVersion: \"0.5.12\""));
            Assert.Equal(model.StartsWith("deepseek-ai/", StringComparison.Ordinal), recent.Prefill.HostLaunchSeconds > 0);
        }

        /// <summary>
        /// AMD CDNA3 launches a kernel in about 4.5 us plus 0.5 us of HBM restart (Kog AI's MI300X measurement), against the
        /// 3.4 us NVIDIA gives for a graph-launched kernel: DeepSeek-R1's 1,326 kernels per step cost 6.63 ms on MI300X.
        /// </summary>
        [Theory]
        [InlineData("MI300X-192GB", 5.0)]
        [InlineData("MI325X-256GB", 5.0)]
        [InlineData("H200-SXM-141GB", 3.4)]
        public void The_kernel_floor_is_the_gpus_own_where_measured(string gpu, double floorUs)
        {
            var t = Estimate($"model: {{ id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }}\nhardware: {{ gpu: {gpu}, gpusPerNode: 8 }}\nparallelism: {{ tensor: 8 }}\n" +
                             "serving: { engine: sglang, maxModelLen: 4096, maxConcurrentSequences: 4 }\nslo: { inputTokens: 1024, outputTokens: 1024 }\n");
            Assert.Equal(1326, t.Decode.Kernels);
            Assert.Equal(1326 * floorUs * 1e-6, t.Decode.KernelFloorSeconds, 9);
        }

        /// <summary>
        /// Published vLLM measurement: LambdaLabsML/vllm-benchmark, results/prompt_10/1xH100-80GB-SXM/
        /// Meta-Llama-3-8B-Instruct_tp1_len2048.json (vLLM, 2024-09-07): 10 requests at once, median TPOT 7.56 ms.
        /// Llama-3-8B has the tensor shapes of Llama-3.1-8B. Inputs averaged 137 tokens, outputs 187.
        /// </summary>
        [Fact]
        public void Llama_8b_decode_step_on_h100_is_within_25_percent_of_published_vllm_tpot()
        {
            var t = Estimate("model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 2048, maxConcurrentSequences: 10 }\nslo: { inputTokens: 137, outputTokens: 187 }\n");
            double error = (t.TpotSeconds * 1000 - 7.56) / 7.56;
            _output.WriteLine($"TPOT predicted {t.TpotSeconds * 1000:0.00} ms vs 7.56 ms published ({error:P1}), bound by {t.Decode.DominantName}");
            Assert.InRange(Math.Abs(error), 0, 0.25);
            Assert.Equal(Bound.Memory, t.Decode.Dominant);
        }

        [Fact]
        public void Dense_prefill_flops_match_a_hand_count()
        {
            // Llama-3.1-8B, 1 x 1024 tokens, TP 1: matmul parameters per layer 218,103,808
            // (q 4096x4096, k/v 1024x4096, o 4096x4096, gate/up/down 14336x4096) x 32 layers = 6,979,321,856;
            // 2 x that x 1024 tokens = 14,293,651,161,088; attention 2 x 32 heads x 256 (q.k and p.v over 128) x 1024^2/2
            // x 32 layers = 274,877,906,944; lm_head for the last token 2 x 128,256 x 4096 = 1,050,673,152.
            var t = Estimate("model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\nslo: { inputTokens: 1024 }\n");
            Assert.Equal(14_293_651_161_088d + 274_877_906_944d + 1_050_673_152d, t.Prefill.Flops);
        }

        [Fact]
        public void Moe_prefill_flops_count_top_k_experts()
        {
            // Qwen3-30B-A3B, 1 x 1024 tokens, TP 1. Per layer: attention matrices q 4096x2048, k/v 512x2048, o 2048x4096
            // = 18,874,368; router 128x2048 = 262,144; 8 of 128 experts x 3 x 768 x 2048 = 37,748,736.
            // 48 layers x 56,885,248 x 2 x 1024 = 5,592,047,419,392; attention 2 x 32 heads x 256 x 1024^2/2 x 48
            // = 412,316,860,416; lm_head 2 x 151,936 x 2048 = 622,329,856.
            var t = Estimate("model: { id: Qwen/Qwen3-30B-A3B }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\nslo: { inputTokens: 1024 }\n");
            Assert.Equal(5_592_047_419_392d + 412_316_860_416d + 622_329_856d, t.Prefill.Flops);
        }

        [Fact]
        public void Tp8_within_a_node_uses_nvlink_and_tp16_over_two_nodes_uses_the_nic()
        {
            var inside = Estimate("model: { id: meta-llama/Llama-3.1-405B-Instruct, weights: fp8 }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 8, pipeline: 2 }\nserving: { maxModelLen: 8192, maxConcurrentSequences: 16 }\n");
            var across = Estimate("model: { id: meta-llama/Llama-3.1-405B-Instruct, weights: fp8 }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 16 }\nserving: { maxModelLen: 8192, maxConcurrentSequences: 16 }\n");
            Assert.Equal("nvlink4", inside.TensorParallelLink!.Id);
            Assert.Equal("ib-ndr-400", inside.PipelineLink!.Id);
            Assert.Equal("ib-ndr-400", across.TensorParallelLink!.Id);
            _output.WriteLine($"TP8xPP2 TPOT {inside.TpotSeconds * 1000:0.0} ms comm {inside.Decode.CommShare:P0}; TP16 TPOT {across.TpotSeconds * 1000:0.0} ms comm {across.Decode.CommShare:P0}");
            Assert.True(across.Decode.CommShare > inside.Decode.CommShare);
        }

        [Fact]
        public void Gb200_nvl72_keeps_tp16_on_nvlink_across_trays()
        {
            var t = Estimate("model: { id: meta-llama/Llama-3.1-405B-Instruct }\nhardware: { gpu: GB200-186GB, nodes: 4, gpusPerNode: 4, interNode: ib-ndr-400 }\nparallelism: { tensor: 16 }\nserving: { maxModelLen: 8192 }\n");
            Assert.Equal("nvlink5", t.TensorParallelLink!.Id);
        }
        /// <summary>
        /// A MoE layer writes and reads back its experts' intermediate activations between kernels (vLLM fused_moe's
        /// intermediate_cache1..3, then moe_sum). DeepSeek-R1 (58 MoE layers, hidden 7168, top-8 of 256 experts of width
        /// 2048), 8,192 prompt tokens in bf16: at TP 8 every GPU runs all 8 rows per token at width 256, so a layer moves
        /// 8192 x 8 x (6 x 256 + 2 x 7168) + 8192 x 7168 elements; at TP 8 x EP 8 a GPU runs one row per token at the full
        /// width, 8192 x (6 x 2048 + 2 x 7168) + 8192 x 7168. The dense Llama has none.
        /// </summary>
        [Theory]
        [InlineData("deepseek-ai/DeepSeek-R1", 1, 58L * 2 * (8192L * 8 * (6 * 256 + 2 * 7168) + 8192L * 7168))]
        [InlineData("deepseek-ai/DeepSeek-R1", 8, 58L * 2 * (8192L * (6 * 2048 + 2 * 7168) + 8192L * 7168))]
        [InlineData("meta-llama/Llama-3.1-70B-Instruct", 1, 0L)]
        public void Prefill_moves_the_moe_intermediate_activations_of_each_routed_row(string model, int expert, long bytes)
        {
            var t = Estimate($"model: {{ id: {model} }}\nhardware: {{ gpu: H200-SXM-141GB, gpusPerNode: 8 }}\nparallelism: {{ tensor: 8, expert: {expert} }}\n" +
                             "serving: { engine: sglang, maxModelLen: 9472 }\nslo: { inputTokens: 8192, outputTokens: 1024 }\n");
            Assert.Equal(bytes, t.Prefill.ActivationBytes);
            // At the same achievable bandwidth as the phase's weight and KV reads.
            Assert.Equal(t.Prefill.MemorySeconds / t.Prefill.Bytes * bytes, t.Prefill.ActivationSeconds, 12);
            // Memory-bound kernels of their own: their time adds to the GEMMs' roofline.
            var p = t.Prefill;
            Assert.Equal(Math.Max(p.ComputeSeconds, p.MemorySeconds) + p.ActivationSeconds + p.CommSeconds + p.KernelFloorSeconds, p.GpuSeconds, 12);
        }
    }
}
