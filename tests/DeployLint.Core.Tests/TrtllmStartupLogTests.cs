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
    }
}
