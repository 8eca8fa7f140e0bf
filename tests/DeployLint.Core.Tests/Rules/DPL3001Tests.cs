using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL3001Tests
    {
        [Fact]
        public void Sixteen_gpus_with_tp8_and_nothing_else_is_a_mismatch_that_suggests_dp()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism:\n  tensor: 8\n", "DPL3001");
            Lint.At(d, 7, 11);
            Assert.Equal("the hardware has 2 x 8 = 16 GPUs but TP 8 x PP 1 x DP 1 = 8; with TP 8 x PP 1, set data: 2", d.Message);
        }

        [Fact]
        public void Expert_parallelism_adds_no_gpus()
        {
            Lint.None(Lint.Header + "model: { id: Qwen/Qwen3-30B-A3B }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4, expert: 4 }\nserving: { maxModelLen: 8192 }\n", "DPL3001");
        }
    }
}
