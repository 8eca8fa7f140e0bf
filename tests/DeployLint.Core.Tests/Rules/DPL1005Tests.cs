using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL1005Tests
    {
        private static string Plan(string gpu, double gmu, string version = "0.19") =>
            Lint.Header + $"model: {{ id: Qwen/Qwen2.5-0.5B-Instruct }}\nhardware: {{ gpu: {gpu} }}\nserving:\n  engineVersion: \"{version}\"\n  gpuMemoryUtilization: {gmu.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n  maxModelLen: 4096\n";

        [Fact]
        public void Gmu_098_on_a_24_gb_card_leaves_less_than_context_and_graphs()
        {
            // 2 x RTX 4090 at 0.98 (vllm#13061's setting): 2% of 23.6 GiB is 0.47 GiB, below 0.5 GiB context + 0.64 GiB graphs.
            var d = Lint.Single(Plan("RTX-4090-24GB", 0.98), "DPL1005");
            Assert.Equal(Severity.Warning, d.Severity);
            Lint.At(d, 8, 25);
            Assert.Contains("Use gpuMemoryUtilization 0.95 or lower, or --enforce-eager", d.Message);
        }

        [Fact]
        public void From_vllm_021_the_graph_estimate_is_inside_the_budget_and_only_the_context_must_fit_outside()
        {
            // vLLM 0.21+ subtracts the estimated CUDA graph memory from the KV budget (gpu_worker.determine_available_memory),
            // so outside gpu_memory_utilization only the CUDA context must fit: 0.47 GiB is still below 0.5 GiB, 0.96's 0.94 is not.
            var d = Lint.Single(Plan("RTX-4090-24GB", 0.98, "0.30"), "DPL1005");
            Assert.Contains("less than the CUDA context (about 0.5 GiB) need;", d.Message);
            Assert.EndsWith("Use gpuMemoryUtilization 0.97 or lower", d.Message);
            Lint.None(Plan("RTX-4090-24GB", 0.96, "0.30"), "DPL1005");
            Assert.NotNull(Lint.Single(Plan("RTX-4090-24GB", 0.96, "0.20"), "DPL1005"));
        }

        [Theory]
        [InlineData("RTX-4090-24GB", 0.9)]
        [InlineData("H100-SXM-80GB", 0.95)] // 3.96 GiB outside: every calibration log started here
        [InlineData("H100-SXM-80GB", 0.98)] // 1.58 GiB
        public void Usual_settings_are_silent(string gpu, double gmu) => Lint.None(Plan(gpu, gmu), "DPL1005");

        [Fact]
        public void Tensor_parallel_on_nvswitch_counts_the_nccl_communicators_too()
        {
            // 0.975 leaves 1.98 GiB of 79.18: enough at TP 1 (0.5 + 0.64), not at TP 2 on H100 SXM, where NCCL's communicators
            // (77.66 of 79.19 GiB free at start-up in the sweep's Llama-3.3-70B TP 2 log) add 1.0 GiB before vLLM's snapshot.
            string Plan(int tp) => Lint.Header + $"model: {{ id: Qwen/Qwen2.5-7B-Instruct }}\nhardware: {{ gpu: H100-SXM-80GB, gpusPerNode: {tp} }}\nparallelism: {{ tensor: {tp} }}\nserving: {{ engine: vllm, engineVersion: \"0.19\", gpuMemoryUtilization: 0.975, maxModelLen: 4096 }}\n";
            Lint.None(Plan(1), "DPL1005");
            var d = Lint.Single(Plan(2), "DPL1005");
            Assert.Contains("less than the CUDA context and NCCL communicators (about 1.5 GiB)", d.Message);
            Assert.Contains("Use gpuMemoryUtilization 0.97 or lower", d.Message);
        }

        [Fact]
        public void Enforce_eager_needs_room_for_the_context_only()
        {
            string yaml = "services:\n  llm:\n    image: vllm/vllm-openai:v0.10.1\n    command: [--model, Qwen/Qwen2.5-0.5B-Instruct, --gpu-memory-utilization, \"0.97\", --enforce-eager, --max-model-len, \"4096\"]\n    labels: { deploylint.io/gpu: RTX-4090-24GB }\n";
            Assert.DoesNotContain(Linter.Lint(yaml, "compose.yaml").Active, x => x.Id == "DPL1005");
        }
    
        /// <summary>
        /// DGX Spark shares its 119.68 GiB with the host: CUDA's free memory at start caps near 102 GiB, so 0.85 starts
        /// (vllm-project/recipes#632) and 0.87 or the default 0.92 fail vLLM's start-up check (MiaAI-Lab/GLM-5.3-Flash-EXL3-2x-DGX-Sparks#47).
        /// </summary>
        [Theory]
        [InlineData(0.85, false)]
        [InlineData(0.87, true)]
        [InlineData(0.92, true)]
        public void Unified_memory_leaves_the_host_its_share(double gmu, bool reported)
        {
            string plan = Plan("DGX-SPARK-GB10-128GB", gmu, "0.29.0");
            if (!reported) { Lint.None(plan, "DPL1005"); return; }
            var d = Lint.Single(plan, "DPL1005");
            Assert.Contains("less than the CUDA context and the host's share of unified memory (about 17.7 GiB) need", d.Message);
            Assert.EndsWith("Use gpuMemoryUtilization 0.85 or lower", d.Message);
        }
    }
}
