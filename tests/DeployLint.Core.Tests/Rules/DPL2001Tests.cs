using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL2001Tests
    {
        [Fact]
        public void Long_prompt_on_one_l4_misses_a_tight_ttft()
        {
            // Llama-3.1-8B prefill of 16,384 tokens: ~2.4e14 FLOPs at 121 TFLOPS x 0.5 on an L4 is ~4 s.
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: L4-24GB }\nserving: { maxModelLen: 32768, maxConcurrentSequences: 1 }\nslo: { inputTokens: 16384, ttftMs: 500 }\n", "DPL2001");
            Lint.At(d, 7, 36);
            Assert.StartsWith("TTFT needs ", d.Message);
            Assert.Contains("bound by compute", d.Message);
        }

        [Fact]
        public void Same_prompt_on_an_h100_meets_two_seconds()
        {
            Lint.None(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 32768 }\nslo: { inputTokens: 16384, ttftMs: 2000 }\n", "DPL2001");
        }
    }
}
