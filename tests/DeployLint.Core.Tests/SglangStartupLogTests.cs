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
    }
}
