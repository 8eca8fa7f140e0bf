using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL5001Tests
    {
        [Fact]
        public void Llama_8b_on_tp4_fits_on_one_gpu()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism:\n  tensor: 4\nserving: { maxModelLen: 8192, maxConcurrentSequences: 8 }\n", "DPL5001");
            Assert.Equal(Severity.Info, d.Severity);
            Assert.StartsWith("a replica fits on 1 x H100-SXM-80GB (TP 1 x PP 1 x DP 1", d.Message);
            Assert.EndsWith("this plan uses 4 per replica", d.Message);
        }

        [Fact]
        public void A_tight_ttft_target_that_needs_tp_keeps_it()
        {
            Lint.None(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct, weights: fp8 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\nserving: { maxModelLen: 8192, maxConcurrentSequences: 8 }\nslo: { inputTokens: 8000, ttftMs: 250 }\n", "DPL5001");
        }
    }
}
