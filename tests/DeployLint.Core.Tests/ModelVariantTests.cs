using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Model ids outside the catalog that name a re-upload of a catalog model get that model's shapes and the weight format
    /// their name implies, with a note that says so; ids that match no catalog name, or several, stay unknown.
    /// </summary>
    public class ModelVariantTests
    {
        private static string Plan(string id) => Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: H100-SXM-80GB }}\nserving: {{ maxModelLen: 8192 }}\n";

        [Theory]
        [InlineData("Qwen/Qwen3-32B-AWQ", "Qwen/Qwen3-32B", "int4-awq")]
        [InlineData("Qwen/Qwen2.5-72B-Instruct-GPTQ-Int4", "Qwen/Qwen2.5-72B-Instruct", "int4-gptq")]
        [InlineData("RedHatAI/Qwen3-8B-FP8-dynamic", "Qwen/Qwen3-8B", "fp8-e4m3")]
        [InlineData("RedHatAI/Llama-3.1-8B-Instruct-quantized.w4a16", "meta-llama/Llama-3.1-8B-Instruct", "int4-gptq")]
        [InlineData("nvidia/Llama-3.3-70B-Instruct-NVFP4", "meta-llama/Llama-3.3-70B-Instruct", "nvfp4")]
        [InlineData("unsloth/Qwen3-14B", "Qwen/Qwen3-14B", "bf16")]
        // NVIDIA's ModelOpt uploads say FP4 for NVFP4 and are re-issued as -v2; the base's own FP8 quantization_config gives way.
        [InlineData("nvidia/DeepSeek-R1-0528-FP4", "deepseek-ai/DeepSeek-R1", "nvfp4")]
        [InlineData("nvidia/DeepSeek-R1-0528-FP4-v2", "deepseek-ai/DeepSeek-R1", "nvfp4")]
        // cyankiwi publishes AWQ re-uploads as -AWQ-4bit / -AWQ-8bit (vllm#43308 serves cyankiwi/gemma-4-31B-it-AWQ-4bit).
        [InlineData("cyankiwi/gemma-4-31B-it-AWQ-4bit", "google/gemma-4-31B-it", "int4-awq")]
        [InlineData("cyankiwi/gemma-4-26B-A4B-it-AWQ-8bit", "google/gemma-4-26B-A4B-it", "int8")]
        [InlineData("unsloth/DeepSeek-V3", "deepseek-ai/DeepSeek-V3", "fp8-e4m3")]   // a -V3 that is the model's own name stays
        public void A_re_upload_resolves_to_its_base_with_the_format_from_its_name(string id, string baseId, string weights)
        {
            var result = Linter.Lint(Plan(id), "p.deploy.yaml");
            var d = Assert.Single(result.Deployments);
            Assert.Equal(baseId, d.Plan!.ModelId);
            Assert.Equal(weights, d.Plan.WeightsFormat);
            Assert.NotNull(d.Memory);
            var note = Assert.Single(result.Active, x => x.Id == "DPL0008");
            Assert.Equal(Severity.Info, note.Severity);
            Assert.Contains($"model '{id}' is not in the catalog; DeployLint takes it as", note.Message);
            Assert.Contains($"deploylint models pull {id}", note.Message);
            Assert.DoesNotContain(result.Active, x => x.Id == "DPL0006");
        }

        [Theory]
        [InlineData("acme/Totally-New-Model-7B")]
        [InlineData("acme/AWQ")]
        [InlineData("Qwen3-8B-AWQ")]                 // no organisation: not a Hub id
        [InlineData("/models/Qwen3-8B-AWQ")]
        public void Other_ids_stay_unknown(string id)
        {
            var result = Linter.Lint(Plan(id), "p.deploy.yaml");
            Assert.Contains(result.Active, x => x.Id == "DPL0006");
            Assert.DoesNotContain(result.Active, x => x.Id == "DPL0008");
        }

        [Fact]
        public void A_declared_weight_format_wins_over_the_name()
        {
            var d = Assert.Single(Linter.Lint(Lint.Header + "model: { id: Qwen/Qwen3-32B-AWQ, weights: int4-gptq }\nhardware: { gpu: H100-SXM-80GB }\n", "p.deploy.yaml").Deployments);
            Assert.Equal("int4-gptq", d.Plan!.WeightsFormat);
        }
    }
}
