using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL2005Tests
    {
        private static string Plan(string gpu, string kv, string engine = "vllm") =>
            Lint.Header + $"model: {{ id: meta-llama/Llama-3.1-8B-Instruct, kvCache: {kv} }}\nhardware: {{ gpu: {gpu} }}\nserving: {{ engine: {engine}, maxModelLen: 8192 }}\n";

        private static string Pod(string gpu, string image, string env) =>
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    deploylint.io/gpu: " + gpu + "\nspec:\n  containers:\n" +
            "    - name: vllm\n      image: " + image + "\n      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"8192\", --kv-cache-dtype, fp8]\n" + env +
            "      resources: { limits: { nvidia.com/gpu: 1 } }\n";

        [Theory]
        [InlineData("V100-SXM-32GB", "fp8-e4m3")]
        [InlineData("T4-16GB", "fp8-e5m2")]
        public void Vllm_v1_below_sm80_has_only_the_triton_backend_which_refuses_fp8(string gpu, string kv)
        {
            // vllm#35720's log on sm70: "Using TRITON_ATTN attention backend out of potential backends: ['TRITON_ATTN']",
            // then "type fp8e4nv not supported in this architecture" in the Triton cache kernel.
            var d = Lint.Single(Plan(gpu, kv), "DPL2005");
            Assert.Equal(Severity.Error, d.Severity);
            Lint.At(d, 4, 57);
            Assert.Contains("TRITON_ATTN", d.Message);
        }

        [Theory]
        [InlineData("A100-SXM-80GB")]
        [InlineData("RTX-3090-24GB")]
        [InlineData("A10-24GB")]
        public void Vllm_v1_on_ampere_depends_on_flashinfer_being_chosen(string gpu)
        {
            var d = Lint.Single(Plan(gpu, "fp8"), "DPL2005");
            Assert.Equal(Severity.Warning, d.Severity);
            Assert.Contains("VLLM_ATTENTION_BACKEND=FLASHINFER", d.Message);
        }

        [Theory]
        [InlineData("L4-24GB", "fp8-e4m3", "vllm")]
        [InlineData("L40S-48GB", "fp8-e4m3", "trtllm")]
        [InlineData("H100-SXM-80GB", "fp8-e4m3", "vllm")]
        [InlineData("A100-SXM-80GB", "bf16", "vllm")]
        [InlineData("A100-SXM-80GB", "fp8-e4m3", "sglang")]
        [InlineData("MI300X-192GB", "fp8-e4m3", "vllm")]
        [InlineData("V100-SXM-32GB", "fp8-e4m3", "vllm@0.10")]
        public void Native_fp8_16_bit_caches_other_engines_and_the_v0_fallback_are_silent(string gpu, string kv, string engine)
        {
            Lint.None(Plan(gpu, kv, engine), "DPL2005");
        }

        [Fact]
        public void Tensorrt_llm_has_no_fp8_before_ada()
        {
            var d = Lint.Single(Plan("A100-SXM-80GB", "fp8", "trtllm"), "DPL2005");
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Contains("support matrix", d.Message);
        }

        [Fact]
        public void Forcing_flashinfer_in_the_pod_env_silences_it_and_forcing_triton_is_an_error_at_the_env_value()
        {
            string flashinfer = Pod("A100-SXM-80GB", "vllm/vllm-openai:v0.12.0", "      env: [{ name: VLLM_ATTENTION_BACKEND, value: FLASHINFER }]\n");
            Assert.DoesNotContain(Linter.Lint(flashinfer, "deploy.yaml").Diagnostics, d => d.Id == "DPL2005");

            string triton = Pod("A100-SXM-80GB", "vllm/vllm-openai:v0.12.0", "      env: [{ name: VLLM_ATTENTION_BACKEND, value: TRITON_ATTN }]\n");
            var d = Linter.Lint(triton, "deploy.yaml").Diagnostics.Single(x => x.Id == "DPL2005");
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Equal((12, 52), (d.Line, d.Column));
        }

        [Fact]
        public void The_kv_cache_dtype_argument_is_the_location_in_a_pod()
        {
            var d = Linter.Lint(Pod("A100-SXM-80GB", "vllm/vllm-openai:v0.12.0", ""), "deploy.yaml").Diagnostics.Single(x => x.Id == "DPL2005");
            Assert.Equal(Severity.Warning, d.Severity);
            Assert.Equal((11, 100), (d.Line, d.Column));
        }
    }
}
