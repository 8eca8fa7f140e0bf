using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>Scheduler defaults as each vLLM generation fills them (they size the profile run, so the activation peak).</summary>
    public class EngineDefaultsTests
    {
        private static DeployLint.Plans.DeploymentPlan Plan(string serving, string gpu = "H100-SXM-80GB") =>
            Lint.Text(Lint.Header + $"model: {{ id: meta-llama/Llama-3.1-8B-Instruct }}\nhardware: {{ gpu: {gpu} }}\nserving: {serving}\n").Deployments[0].Plan!;

        [Fact]
        public void V1_on_an_h100_batches_8192_tokens_and_1024_sequences()
        {
            var p = Plan("{ engine: vllm@0.19, maxModelLen: 4096 }");
            Assert.Equal((false, 8192L, 1024L), (p.VllmV0, p.MaxBatchedTokens, p.MaxConcurrentSequences));
        }

        [Fact]
        public void V0_without_chunked_prefill_profiles_a_whole_max_length_prompt()
        {
            // vLLM 0.7 SchedulerConfig: chunked prefill is off at a 16K context, so max_num_batched_tokens = max(max_model_len, 2048).
            var p = Plan("{ engine: vllm@0.7.3, maxModelLen: 16384 }");
            Assert.Equal((true, 16384L, 256L), (p.VllmV0, p.MaxBatchedTokens, p.MaxConcurrentSequences));
        }

        [Theory]
        [InlineData("0.6.3", 512)]
        [InlineData("0.7.3", 2048)]
        public void V0_past_a_32k_context_turns_chunked_prefill_on(string version, long tokens)
        {
            var p = Plan($"{{ engine: vllm@{version}, maxModelLen: 131072 }}");
            Assert.Equal(tokens, p.MaxBatchedTokens);
        }

        [Theory]
        [InlineData("0.7.3", null, true)]
        [InlineData("0.8.0", null, false)]
        [InlineData("0.9.2", false, true)]
        [InlineData("0.10.1.post1", false, true)]
        [InlineData("0.11.0", false, false)]
        [InlineData("latest", null, false)]
        public void V0_is_chosen_by_version_and_VLLM_USE_V1(string version, bool? useV1, bool v0)
        {
            Assert.Equal(v0, DeployLint.Plans.PlanResolver.IsVllmV0(version, useV1));
        }

        [Fact]
        public void VLLM_USE_V1_0_in_a_pod_selects_v0_defaults()
        {
            string yaml = "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai:v0.9.2\n" +
                "      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"8192\"]\n      env: [{ name: VLLM_USE_V1, value: \"0\" }]\n      resources: { limits: { nvidia.com/gpu: 1 } }\n";
            var p = Linter.Lint(yaml, "p.yaml").Deployments[0].Plan!;
            Assert.Equal((true, 8192L, 256L), (p.VllmV0, p.MaxBatchedTokens, p.MaxConcurrentSequences));
        }
    }
}
