using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4007Tests
    {
        [Fact]
        public void Tp16_over_8_kv_heads_is_a_note_with_the_per_gpu_kv_bytes()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-405B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 16 }\n", "DPL4007");
            Assert.Equal(Severity.Info, d.Severity);
            // 126 layers x 2 (K and V) x 1 head x 128 x 2 bytes = 64,512 bytes per token per GPU.
            Assert.Contains("KV cache per token per GPU is 64,512 bytes", d.Message);
        }
    }
}
