using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>deploylint.io/slo gives a workload the manifest's slo section, so its load and latency checks run.</summary>
    public class SloAnnotationTests
    {
        private const string Pod =
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: llm\n  annotations:\n    deploylint.io/gpu: H100-SXM-80GB\n    deploylint.io/slo: \"SLO\"\nspec:\n" +
            "  containers:\n    - name: vllm\n      image: vllm/vllm-openai:v0.10.1\n" +
            "      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"131072\", --max-num-seqs, \"8\"]\n      resources: { limits: { nvidia.com/gpu: 1 } }\n";

        [Fact]
        public void The_annotation_declares_the_load_and_targets()
        {
            var result = Linter.Lint(Pod.Replace("SLO", "inputTokens=120000, outputTokens=8000, ttftMs=900000, tpotMs=1000"), "pod.yaml");
            var plan = Assert.Single(result.Deployments).Plan!;
            Assert.Equal((120000L, 8000L), (plan.InputTokens, plan.OutputTokens));
            Assert.Equal(1000.0, plan.TpotMs);
            // Eight requests of 128,000 tokens do not fit Llama-8B's pool on one H100: the declared load queues.
            Assert.Equal(Severity.Warning, Assert.Single(result.Diagnostics, d => d.Id == "DPL1004").Severity);
        }

        [Fact]
        public void A_malformed_entry_is_reported_at_its_key()
        {
            var result = Linter.Lint(Pod.Replace("SLO", "inputTokens=2048, latency=fast"), "pod.yaml");
            var bad = Assert.Single(result.Diagnostics, d => d.Id == "DPL0004");
            Assert.Equal((7, 43), (bad.Line, bad.Column));
            Assert.Contains("deploylint.io/slo entry 'latency=fast'", bad.Message);
            Assert.Equal(2048L, Assert.Single(result.Deployments).Plan!.InputTokens);
        }
    }
}
