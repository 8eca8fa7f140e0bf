using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// TensorRT-LLM's KV pool is free_gpu_memory_fraction of the memory free after the engine and its buffers. Public log
    /// (NVIDIA/TensorRT-LLM#1400, v0.8, A100 80 GB, a Llama-2-7B SmoothQuant engine of 6,683 MiB, fraction 0.9):
    /// "Allocate 69524783104 bytes for k/v cache" and "Using 132608 tokens in paged KV cache".
    /// </summary>
    public class TrtllmStartupLogTests
    {
        [Fact]
        public void Llama_2_7b_smoothquant_on_a100_80gb_matches_the_logged_pool_within_one_percent()
        {
            var d = Lint.Text(Lint.Header + "model: { id: meta-llama/Llama-2-7b-hf, weights: int8 }\nhardware: { gpu: A100-SXM-80GB }\n" +
                              "serving: { engine: trtllm, engineVersion: \"0.8\", maxModelLen: 4096, gpuMemoryUtilization: 0.9 }\n").Deployments[0];
            var m = d.Memory!;
            Assert.Equal(6683.0 / 1024, m.WeightsBytes / (1024.0 * 1024 * 1024), 2); // the engine file: 6,683 MiB
            Assert.Equal(524_288, m.KvBytesPerToken); // fp16 K and V, 32 layers x 32 heads x 128
            // The free memory excludes the CUDA context (0.5 GiB), as cudaMemGetInfo does: 131,360 tokens, -0.94%.
            Assert.Equal(131_360L, m.MaxTokensInKvCache);
            Assert.InRange(m.MaxTokensInKvCache / 132_608.0 - 1, -0.01, 0.01);
            Assert.InRange(m.KvCacheBytes / 69_524_783_104.0 - 1, -0.01, 0.01);
        }

        /// <summary>
        /// The PyTorch backend (NVIDIA/TensorRT-LLM#6294, 0.20.0, trtllm-bench on an H100: Llama-3.1-8B FP8 with an FP8 KV
        /// cache, fraction 0.8, max_num_tokens 23,552, max_batch_size 4,096, max_seq_len 157, CUDA graphs up to 4,096):
        /// "Rank 0 uses 8.46 GB for model weights", then "[MemUsageChange] Allocated 52.51 GiB for max tokens in paged KV
        /// cache (860320)". KV = (total - peak) x fraction, the peak holding the profile run (151 dummy requests of up to 157 tokens,
        /// so 151 sampler rows, not 4,096) and the graphs' pool (4,096 x 128,256 float32 logits, 1.96 GiB).
        /// </summary>
        [Fact]
        public void Pytorch_backend_llama_31_8b_fp8_on_h100_matches_the_logged_pool()
        {
            var d = Lint.Text(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct, weights: fp8, kvCache: fp8 }\nhardware: { gpu: H100-SXM-80GB }\n" +
                              "serving: { engine: trtllm, engineVersion: \"0.20.0\", gpuMemoryUtilization: 0.8, maxModelLen: 157, maxBatchedTokens: 23552, maxConcurrentSequences: 4096, cudaGraphMaxBatchSize: 4096 }\n").Deployments[0];
            var m = d.Memory!;
            Assert.Equal(151, DeployLint.Estimation.MemoryEstimator.TrtllmProfileRequests(d.Plan!)); // 150 of 157 tokens and one of 2
            Assert.Equal(4096L * 128_256 * 4, DeployLint.Estimation.MemoryEstimator.TrtllmGraphPoolBytes(d.Plan!));
            Assert.InRange(m.WeightsBytes / (1024.0 * 1024 * 1024) / 8.46 - 1, -0.01, 0.01);
            Assert.Equal(861_600L, m.MaxTokensInKvCache); // +0.15%
            Assert.InRange(m.MaxTokensInKvCache / 860_320.0 - 1, -0.01, 0.01);
        }
    }
}