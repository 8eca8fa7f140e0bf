using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL2003Tests
    {
        [Theory]
        [InlineData("A100-SXM-80GB", "fp8-e4m3")]
        [InlineData("L4-24GB", "nvfp4")]
        [InlineData("H100-SXM-80GB", "mxfp4")]
        public void Formats_without_native_tensor_cores_fall_back_to_marlin(string gpu, string weights)
        {
            var d = Lint.Single(Lint.Header + $"model: {{ id: meta-llama/Llama-3.1-8B-Instruct, weights: {weights} }}\nhardware: {{ gpu: {gpu} }}\nserving: {{ maxModelLen: 8192 }}\n", "DPL2003");
            Assert.Equal(Severity.Warning, d.Severity);
            Lint.At(d, 4, 57);
        }

        [Theory]
        [InlineData("H100-SXM-80GB", "fp8-e4m3")]
        [InlineData("L4-24GB", "fp8-e4m3")]
        [InlineData("B200-180GB", "nvfp4")]
        [InlineData("B200-180GB", "mxfp4")]
        [InlineData("A100-SXM-80GB", "int4-awq")]
        public void Native_or_weight_only_int4_formats_are_silent(string gpu, string weights)
        {
            Lint.None(Lint.Header + $"model: {{ id: meta-llama/Llama-3.1-8B-Instruct, weights: {weights} }}\nhardware: {{ gpu: {gpu} }}\nserving: {{ maxModelLen: 8192 }}\n", "DPL2003");
        }

        [Fact]
        public void Gpt_oss_mxfp4_checkpoint_on_h100_is_the_marlin_case_of_vllm_23278()
        {
            // vllm#23278: "Your GPU does not have native support for FP4 computation ... Weight-only FP4 compression will be used leveraging the Marlin kernel."
            var d = Lint.Single(Lint.Header + "model: { id: openai/gpt-oss-20b }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n", "DPL2003");
            Lint.At(d, 5, 18);
            // gpt-oss is published only in MXFP4: how it runs on Hopper, so advice rather than a warning.
            Assert.Equal(Severity.Info, d.Severity);
            Assert.Contains("openai/gpt-oss-20b is published in mxfp4", d.Message);
        }

        [Fact]
        public void An_fp8_re_upload_on_ampere_is_a_choice_and_stays_a_warning()
        {
            // Qwen/Qwen3-235B-A22B-FP8: the base checkpoint is bf16; the -FP8 upload is one of several.
            var d = Lint.Single(Lint.Header + "model: { id: Qwen/Qwen3-235B-A22B-FP8 }\nhardware: { gpu: A100-SXM-80GB, gpusPerNode: 8 }\nparallelism: { tensor: 8 }\nserving: { maxModelLen: 8192 }\n", "DPL2003");
            Assert.Equal(Severity.Warning, d.Severity);
            Assert.EndsWith("Use a GPU with native fp8-e4m3 or a bf16/int4 checkpoint", d.Message);
        }
    }
}
