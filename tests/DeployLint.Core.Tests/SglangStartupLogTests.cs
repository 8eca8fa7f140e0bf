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
    
        [Theory]
        [InlineData("0.4.1", 1, 0.88)]   // before 0.4.8: by TP
        [InlineData("0.4.1", 8, 0.81)]
        [InlineData("0.4.9", 1, 0.874)]  // H100 (81,559 MiB in nvidia-smi) - 10 GiB: sglang#7883's ServerArgs dump
        [InlineData("0.5", 8, 0.831)]    // 9.5 + 8/2 = 13.5 GiB reserved: 67,735 / 81,559 = 0.8305
        public void The_default_mem_fraction_static_follows_the_version(string version, int tensor, double expected)
        {
            var result = Lint.Text(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: " + tensor + " }\n" +
                "parallelism: { tensor: " + tensor + " }\nserving: { engine: sglang, engineVersion: \"" + version + "\", maxModelLen: 8192 }\n");
            Assert.Equal(expected, Assert.Single(result.Deployments).Plan!.GpuMemoryUtilization, 3);
        }
    }
}
