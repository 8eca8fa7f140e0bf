using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL1001Tests
    {
        [Fact]
        public void Llama_70b_bf16_on_one_h100_exceeds_memory_at_the_gpu_value()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\n", "DPL1001");
            Lint.At(d, 6, 8);
            Assert.Equal(Severity.Error, d.Severity);
            // 70,553,706,496 parameters x 2 bytes + 131072 x 128 x 2 rotary cache = 141,140,967,424 B = 131.45 GiB
            Assert.Contains("needs 131.45 GiB of bf16 weights per GPU", d.Message);
            Assert.Contains("H100-SXM-80GB has 72.84 GiB for the engine (79.18 GiB x 0.92)", d.Message); // vLLM's default since 0.20
        }

        [Fact]
        public void Llama_70b_fp8_on_two_h100_fits()
        {
            Lint.None(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct, weights: fp8-e4m3 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\nserving: { maxModelLen: 8192 }\n", "DPL1001");
        }
    }
}
