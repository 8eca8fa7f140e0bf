using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL2004Tests
    {
        [Theory]
        [InlineData("T4-16GB")]
        [InlineData("V100-SXM-32GB")]
        public void Bf16_before_sm80_is_refused(string gpu)
        {
            var d = Lint.Single(Lint.Header + $"model: {{ id: microsoft/Phi-3-mini-4k-instruct, weights: bf16 }}\nhardware: {{ gpu: {gpu} }}\n", "DPL2004");
            Assert.Contains("has no bf16 support", d.Message);
        }

        [Fact]
        public void Auto_dtype_on_t4_picks_fp16_and_is_silent()
        {
            Lint.None(Lint.Header + "model: { id: microsoft/Phi-3-mini-4k-instruct }\nhardware: { gpu: T4-16GB }\n", "DPL2004");
        }

        [Theory]
        [InlineData("V100-SXM-32GB", "fp8-e4m3")]
        [InlineData("T4-16GB", "nvfp4")]
        [InlineData("Ascend-910B-64GB", "fp8-e4m3")]
        public void Fp8_and_fp4_without_even_a_fallback_are_errors(string gpu, string weights)
        {
            var d = Lint.Single(Lint.Header + $"model: {{ id: microsoft/Phi-3-mini-4k-instruct, weights: {weights} }}\nhardware: {{ gpu: {gpu} }}\n", "DPL2004");
            Assert.Contains($"cannot run {weights} weights", d.Message);
        }
    }
}
