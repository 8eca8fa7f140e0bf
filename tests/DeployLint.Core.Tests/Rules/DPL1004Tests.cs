using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL1004Tests
    {
        [Fact]
        public void Declared_concurrency_above_kv_capacity_is_a_warning_with_what_fits()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n  maxConcurrentSequences: 8\n", "DPL1004");
            Assert.Equal(Severity.Warning, d.Severity);
            Lint.At(d, 8, 27);
            Assert.Contains("holds 3 requests of maxModelLen 131,072 tokens", d.Message);
            // The fix the message names, as an edit of the value: 8 at (8,27)-(8,28) becomes 3.
            Assert.NotNull(d.Fix);
            Assert.Equal(("Set maxConcurrentSequences to 3", "8", "3"), (d.Fix!.Title, d.Fix.OldText, d.Fix.NewText));
            Assert.Equal((8, 27, 8, 28), (d.Fix.Span.StartLine, d.Fix.Span.StartColumn, d.Fix.Span.EndLine, d.Fix.Span.EndColumn));
        }

        [Fact]
        public void Engine_default_concurrency_is_not_reported()
        {
            Lint.None(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n", "DPL1004");
        }
    }
}
