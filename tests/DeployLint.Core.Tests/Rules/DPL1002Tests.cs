using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL1002Tests
    {
        [Fact]
        public void Weights_that_fit_but_leave_no_kv_budget_are_reported_at_gpu_memory_utilization()
        {
            // Qwen2.5-32B bf16 at TP 1 on H100: 65,527,752,704 B weights + 8,388,608 B rotary cache (61.04 GiB) < 71.26 GiB budget,
            // but the sampler profile of 1024 sequences x 152,064 vocab x 14 bytes (2.03 GiB) plus hidden states leaves
            // ~9.7 GiB; at gmu 0.80 (64.93 GiB) nothing is left.
            var d = Lint.Single(Lint.Header + "model: { id: Qwen/Qwen2.5-32B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  gpuMemoryUtilization: 0.80\n  maxModelLen: 4096\n", "DPL1002");
            Lint.At(d, 7, 25);
            Assert.StartsWith("no memory left for the KV cache: 61.04 GiB weights + ", d.Message);
            Assert.Contains("vLLM stops with 'No available memory for the cache blocks'.", d.Message);
        }

        /// <summary>
        /// SGLang's KV pool is what mem_fraction_static x the pre-load free memory leaves after the weights, so it refuses
        /// exactly when the weights exceed that (DPL1001): Qwen2.5-32B bf16 (61.04 GiB) on one H100 at 0.75, whose budget is
        /// 0.75 x (79.18 - 0.5 GiB CUDA context) = 59.01 GiB.
        /// </summary>
        [Fact]
        public void Sglang_refuses_in_its_own_words()
        {
            var d = Lint.Single(Lint.Header + "model: { id: Qwen/Qwen2.5-32B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  engine: sglang\n  gpuMemoryUtilization: 0.75\n  maxModelLen: 4096\n", "DPL1001");
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Contains("SGLang stops with 'Not enough memory. Please try to increase --mem-fraction-static. Current value: 0.75'", d.Message);
        }
    }
}
