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
        }
    }
}
