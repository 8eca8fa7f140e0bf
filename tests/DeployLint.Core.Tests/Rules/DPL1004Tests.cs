using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL1004Tests
    {
        [Fact]
        public void Concurrency_whose_declared_requests_do_not_fit_is_a_warning_with_what_fits()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n  maxConcurrentSequences: 8\n" +
                                "slo: { inputTokens: 120000, outputTokens: 8000 }\n", "DPL1004");
            Assert.Equal(Severity.Warning, d.Severity);
            Lint.At(d, 8, 27);
            Assert.Contains("holds 3 requests of maxModelLen 131,072 tokens", d.Message);
            Assert.Contains("of the declared 120,000 + 8,000 tokens per request it holds 3: requests will queue or be preempted at this load", d.Message);
            // The fix the message names, as an edit of the value: 8 at (8,27)-(8,28) becomes 3.
            Assert.NotNull(d.Fix);
            Assert.Equal(("Set maxConcurrentSequences to 3", "8", "3"), (d.Fix!.Title, d.Fix.OldText, d.Fix.NewText));
            Assert.Equal((8, 27, 8, 28), (d.Fix.Span.StartLine, d.Fix.Span.StartColumn, d.Fix.Span.EndLine, d.Fix.Span.EndColumn));
        }

        /// <summary>
        /// Only the maxModelLen worst case does not fit: every public KubeAI and GKE recipe looks like this (vLLM logs it as
        /// "Maximum concurrency for N tokens per request"), so it is advice.
        /// </summary>
        [Theory]
        [InlineData("", "only that worst case, every request at maxModelLen, would queue")]
        [InlineData("slo: { inputTokens: 2000, outputTokens: 500 }\n", "the declared 2,000 + 500 tokens per request all fit")]
        public void Concurrency_that_fits_the_declared_or_unknown_load_is_information(string slo, string says)
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n  maxConcurrentSequences: 8\n" + slo, "DPL1004");
            Assert.Equal(Severity.Info, d.Severity);
            Lint.At(d, 8, 27);
            Assert.Contains(says, d.Message);
            Assert.Equal("3", d.Fix!.NewText);
        }

        [Fact]
        public void Engine_default_concurrency_is_not_reported()
        {
            Lint.None(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n", "DPL1004");
        }
    }
}
