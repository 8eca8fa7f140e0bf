using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL5002Tests
    {
        private const string Plan = "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: roce-100g }\nparallelism:\n{0}\nserving: { maxModelLen: 8192, maxConcurrentSequences: 32 }\n";

        [Fact]
        public void Tp16_over_roce_has_a_better_layout_that_keeps_tp_in_the_node()
        {
            var d = Lint.Single(Lint.Header + Plan.Replace("{0}", "  tensor: 16"), "DPL5002");
            Lint.At(d, 7, 11);
            Assert.StartsWith("TP 8 x PP 1 x DP 2 on the same 16 GPUs serves the same 32 concurrent sequences at ", d.Message);
        }

        [Fact]
        public void The_best_layout_itself_is_silent()
        {
            Lint.None(Lint.Header + Plan.Replace("{0}", "  { tensor: 8, data: 2 }").Replace("maxConcurrentSequences: 32", "maxConcurrentSequences: 16"), "DPL5002");
        }
    }
}
