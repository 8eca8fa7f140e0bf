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

        /// <summary>
        /// 32 clients of 8,192-token prompts on one H100: each prefill takes 267.7 ms, and a prompt also waits for the running
        /// step and, M/D/1, for the prompts ahead of it (256.5 ms): 531.8 ms against a 500 ms target, which the lone prefill meets.
        /// </summary>
        [Fact]
        public void Under_load_the_wait_for_other_prompts_counts_and_is_named()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 16384, maxConcurrentSequences: 32 }\nslo: { inputTokens: 8192, outputTokens: 256, ttftMs: 500 }\n", "DPL2001");
            Assert.StartsWith("TTFT needs 531.8 ms but the target is 500 ms: prefill of 8,192 tokens takes 267.7 ms", d.Message);
            Assert.Contains("and at 32 concurrent requests a prompt also waits 256.5 ms for the running step and other prompts' prefills", d.Message);
            Assert.EndsWith("or lower the concurrency", d.Message);
        }
    }
}
