using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL3001Tests
    {
        [Fact]
        public void Sixteen_gpus_with_tp8_and_nothing_else_leave_eight_idle_a_warning_that_suggests_dp()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism:\n  tensor: 8\n", "DPL3001");
            Lint.At(d, 7, 11);
            Assert.Equal(Severity.Warning, d.Severity);
            Assert.Equal("the hardware has 2 x 8 = 16 GPUs but TP 8 x PP 1 x DP 1 uses 8; 8 GPU(s) stay idle; with TP 8 x PP 1, set data: 2", d.Message);
        }

        [Fact]
        public void A_layout_larger_than_the_hardware_is_an_error_the_engine_cannot_start()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4, pipeline: 2 }\n", "DPL3001");
            Lint.At(d, 6, 24);
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Equal("the hardware has 1 x 4 = 4 GPUs but TP 4 x PP 2 x DP 1 needs 8; the engine waits for ranks that never come", d.Message);
        }

        [Fact]
        public void The_same_idle_plan_has_the_same_id_and_severity_in_a_manifest_and_a_pod()
        {
            var native = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism: { tensor: 2 }\nserving: { maxModelLen: 8192 }\n", "DPL3001");
            var pod = Assert.Single(Linter.Lint("apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai\n" +
                "      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --tensor-parallel-size, \"2\", --max-model-len, \"8192\"]\n      resources: { limits: { nvidia.com/gpu: 8 } }\n", "p.yaml").Diagnostics, x => x.Id == "DPL3001");
            Assert.Equal((Severity.Warning, Severity.Warning), (native.Severity, pod.Severity));
            Assert.EndsWith("8 GPUs but TP 2 x PP 1 x DP 1 uses 2; 6 GPU(s) stay idle; with TP 2 x PP 1, set data: 4", native.Message);
            Assert.EndsWith("8 GPUs but TP 2 x PP 1 x DP 1 uses 2; 6 GPU(s) stay idle; with TP 2 x PP 1, set data: 4", pod.Message);
        }

        [Fact]
        public void Expert_parallelism_adds_no_gpus()
        {
            Lint.None(Lint.Header + "model: { id: Qwen/Qwen3-30B-A3B }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4, expert: 4 }\nserving: { maxModelLen: 8192 }\n", "DPL3001");
        }
    }
}
