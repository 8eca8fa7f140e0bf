using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    /// <summary>
    /// gpt-oss-20b (MXFP4 experts) on H100 SXM with vLLM 0.19, max_num_batched_tokens 8192, max_model_len 8192: the
    /// llm-d-planner sweep (commit d3121e05, accuracy/results/v0.19.0/logs) ran TP 1 and TP 2 at gpu_memory_utilization 0.95
    /// (both FAILED: "CUDA out of memory occurred when warming up sampler with 1024 dummy requests") and TP 2 at 0.90 (started).
    /// </summary>
    public class DPL1006Tests
    {
        private static string Plan(string gpu, int tp, double gmu, string extra = "") =>
            Lint.Header + $"model: {{ id: openai/gpt-oss-20b, weights: mxfp4 }}\nhardware: {{ gpu: {gpu}, gpusPerNode: {tp} }}\nparallelism: {{ tensor: {tp} }}\n" +
            $"serving: {{ engine: vllm@0.19, gpuMemoryUtilization: {gmu.ToString(System.Globalization.CultureInfo.InvariantCulture)}, maxModelLen: 8192, maxBatchedTokens: 8192{extra} }}\n";

        [Fact]
        public void Tp1_at_095_fails_the_sampler_warmup_as_the_sweep_did()
        {
            var d = Lint.Single(Plan("H100-SXM-80GB", 1, 0.95), "DPL1006");
            Assert.Equal(Severity.Error, d.Severity);
            Lint.At(d, 7, 53);
            // 79.18 GiB x 0.05 = 3.96 GiB < 0.5 context + 1.84 graph pool + 1.78 fragmented = 4.12 GiB.
            Assert.Contains("leaves 3.96 GiB of H100-SXM-80GB's 79.18 GiB outside vLLM's budget", d.Message);
            Assert.Contains("need about 4.12 GiB there: CUDA context 0.50, CUDA-graph pool 1.84, and 1.78 GiB", d.Message);
            Assert.Contains("warming up sampler with 1024 dummy requests", d.Message);
            Assert.EndsWith("Use gpuMemoryUtilization 0.94 or lower, or maxConcurrentSequences 512 (max_num_seqs)", d.Message);
        }

        [Fact]
        public void Tp2_at_095_fails_with_the_communicators_outside_the_budget()
        {
            var d = Lint.Single(Plan("H100-SXM-80GB", 2, 0.95), "DPL1006");
            Assert.Contains("need about 4.67 GiB there: CUDA context and NCCL communicators 1.50, CUDA-graph pool 1.55, and 1.62 GiB", d.Message);
        }

        [Theory]
        [InlineData("H100-SXM-80GB", 2, 0.90)] // the sweep's TP 2 run that started
        [InlineData("H100-SXM-80GB", 1, 0.90)] // vLLM's default
        [InlineData("H200-SXM-141GB", 1, 0.95)] // 7.05 GiB outside the budget
        public void Enough_room_outside_the_budget_is_silent(string gpu, int tp, double gmu) => Lint.None(Plan(gpu, tp, gmu), "DPL1006");

        [Fact]
        public void Fewer_warmup_requests_leave_fewer_fragments()
        {
            // 256 requests: 0.45 GiB of fragments, 0.5 + 1.84 + 0.45 = 2.79 GiB < 3.96.
            Lint.None(Plan("H100-SXM-80GB", 1, 0.95, extra: ", maxConcurrentSequences: 256"), "DPL1006");
        }

        [Fact]
        public void Only_the_measured_kernel_path_is_checked()
        {
            // Ampere runs MXFP4 through Marlin, not triton_kernels; its room outside the budget has not been measured.
            Lint.None(Plan("A100-SXM-80GB", 1, 0.95), "DPL1006");
        }
    }
}
