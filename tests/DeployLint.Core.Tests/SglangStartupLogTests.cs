using DeployLint.Estimation;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>SGLang's budget: weights + KV = the free memory before the weights load x mem_fraction_static.</summary>
    public class SglangStartupLogTests
    {
        [Fact]
        public void The_docs_notebook_log_of_sglang_0_4_1_is_reproduced()
        {
            // docs.sglang.ai 'Sending Requests' notebook (SGLang 0.4.1, Llama-3.1-8B-Instruct bf16, one 80 GB card, default
            // mem_fraction_static 0.88): "avail mem=78.81 GB" before the weights, 63.72 after (15.09 GiB of weights),
            // "max_total_num_tokens=444500", K + V = 54.26 GiB. With the device total as the base (79.18 GiB) the pool would
            // be 0.33 GiB too large; the CUDA context comes off first.
            var result = Lint.Text(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n" +
                "serving: { engine: sglang, engineVersion: \"0.4.1\", gpuMemoryUtilization: 0.88, maxModelLen: 131072 }\n");
            var memory = Assert.Single(result.Deployments).Memory!;
            long tokens = memory.MaxTokensInKvCache;
            Assert.InRange((tokens - 444_500.0) / 444_500.0, -0.005, 0.005);
            Assert.Equal(444_403L, tokens);
        }
    
        [Fact]
        public void A_tp4_log_of_sglang_0_4_3_on_four_L4_is_reproduced()
        {
            // github.com/didier-durand/llms-in-clouds, docs/sglang.md (commit b001c8690e894d234cf3a2e2345d259173acf293): SGLang
            // 0.4.3.post4, Qwen/QwQ-32B bf16, TP 4 on a g6.12xlarge (4 x L4), default mem_fraction_static 0.85:
            // "Load weight begin. avail mem=21.63 GB", "Load weight end ... mem usage=15.54 GB",
            // "KV Cache is allocated. #tokens: 46611, K size: 1.42 GB". The pool is small (2.84 GiB), so the 0.27 GiB that
            // SGLang's load holds beyond the parameters (15.27 GiB) shows as +2.6% tokens. The base is 22.03 GiB less the
            // context (0.5) and the communicators (this log's "Init torch distributed ends. mem usage=0.13 GB").
            var result = Lint.Text(Lint.Header + "model: { id: Qwen/QwQ-32B }\nhardware: { gpu: L4, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\n" +
                "serving: { engine: sglang, engineVersion: \"0.4.3\", maxModelLen: 40960 }\n");
            var d = Assert.Single(result.Deployments);
            Assert.Equal(0.85, d.Plan!.GpuMemoryUtilization, 3);
            var memory = d.Memory!;
            Assert.InRange(memory.WeightsBytes / GiB / 15.54 - 1, -0.02, 0);
            Assert.Equal(21.40, MemoryEstimator.SglangBaseBytes(d.Plan, memory.CapacityBytes) / GiB, 2);   // log: 21.63
            Assert.Equal(47_817L, memory.MaxTokensInKvCache);
            Assert.InRange(memory.MaxTokensInKvCache / 46_611.0 - 1, 0, 0.03);
        }

        [Fact]
        public void A_tp4_log_of_a_qwen3_moe_fp8_checkpoint_on_four_H100_is_reproduced()
        {
            // vllm-project/vllm#21348 (2025-07-22, SGLang of that month): Qwen3-235B-A22B-FP8 at TP 4 on 4 x H100,
            // --mem-fraction-static 0.93: "KV Cache is allocated. #tokens: 367404, K size: 8.23 GB, V size: 8.23 GB".
            var result = Lint.Text(Lint.Header + "model: { id: Qwen/Qwen3-235B-A22B-FP8 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\n" +
                "serving: { engine: sglang, engineVersion: \"0.4.9\", gpuMemoryUtilization: 0.93, maxModelLen: 40960 }\n");
            var memory = Assert.Single(result.Deployments).Memory!;
            Assert.Equal(48_128L, memory.KvBytesPerToken);   // 94 layers x K and V of one of 4 KV heads x 128 x 2 bytes
            Assert.Equal(376_533L, memory.MaxTokensInKvCache);
            Assert.InRange(memory.MaxTokensInKvCache / 367_404.0 - 1, 0, 0.03);
        }

        [Fact]
        public void The_nvfp4_deepseek_weights_at_tp4_on_B200_match_sglangs_load_line()
        {
            // sgl-project/sglang#9162 (2025-08-13, trtllm-gen NVFP4 MoE, DeepseekV3ForCausalLM at TP 4 on B200; NVIDIA's
            // DeepSeek-R1-0528-FP4 assumed): "Load weight end. ... mem usage=94.50 GB". ModelOpt leaves MLA and lm_head in bf16.
            var result = Lint.Text(Lint.Header + "model: { id: nvidia/DeepSeek-R1-0528-FP4 }\nhardware: { gpu: B200-180GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\n" +
                "serving: { engine: sglang, engineVersion: \"0.5.0\", maxModelLen: 8192 }\n");
            var d = Assert.Single(result.Deployments);
            Assert.Equal("nvfp4", d.Plan!.WeightsFormat);
            Assert.InRange(d.Memory!.WeightsBytes / GiB / 94.50 - 1, -0.01, 0.01);
        }

        private const double GiB = 1024.0 * 1024 * 1024;

        [Theory]
        [InlineData("0.4.1", 1, 0.88)]   // before 0.4.8: by TP
        [InlineData("0.4.1", 8, 0.81)]
        [InlineData("0.4.9", 1, 0.874)]  // H100 (81,559 MiB in nvidia-smi) - 10 GiB: sglang#7883's ServerArgs dump
        [InlineData("0.5", 8, 0.831)]    // 9.5 + 8/2 = 13.5 GiB reserved: 67,735 / 81,559 = 0.8305
        [InlineData("0.5.4", 1, 0.835)]  // PR #10975: 512 + 8192 x 1.5 + 256 x 2 + 1/8 x 1024 = 13,440 MiB reserved
        [InlineData("0.5.12", 1, 0.828)] // + 74 piecewise token sizes x 8 MiB = 14,032: sglang#29092 (H100, Qwen3-32B, TP 1) reports 0.828
        [InlineData("0.5.12", 8, 0.811)] // 512 + 12,288 + 512 x 2 + 8/8 x 1024 + 592 = 15,440 MiB
        public void The_default_mem_fraction_static_follows_the_version(string version, int tensor, double expected)
        {
            var result = Lint.Text(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: " + tensor + " }\n" +
                "parallelism: { tensor: " + tensor + " }\nserving: { engine: sglang, engineVersion: \"" + version + "\", maxModelLen: 8192 }\n");
            Assert.Equal(expected, Assert.Single(result.Deployments).Plan!.GpuMemoryUtilization, 3);
        }

        [Theory]
        [InlineData(8192L, 74)]                  // 8 + 14 + 8 + 28 + 16: the sizes sglang#29092's 0.828 implies
        [InlineData(2048L, 42)]                  // 8 + 14 + 8 + 12
        [InlineData(1_000_000_000_000L, 1_073_741_881)] // a hostile chunk: capped, and counted in constant time
        public void Piecewise_capture_sizes_are_counted_not_enumerated(long maxTokens, long expected)
        {
            Assert.Equal(expected, DeployLint.Plans.PlanResolver.SglangPiecewiseCaptureSizes(maxTokens));
        }
    }
}
