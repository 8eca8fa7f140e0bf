using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL3006Tests
    {
        [Fact]
        public void Ep16_over_two_nodes_crosses_the_nic()
        {
            var d = Lint.Single(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1 }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 2, data: 8, expert: 16 }\nserving: { maxModelLen: 16384 }\n", "DPL3006");
            Lint.At(d, 6, 44);
            Assert.StartsWith("EP 16 spans nodes, so dispatch and combine cross ib-ndr-400", d.Message);
        }

        [Fact]
        public void Ep16_inside_a_tp16_group_has_no_all_to_all_to_cross()
        {
            // Every rank of the TP group holds every token; the MoE output is combined by TP's all-reduce, which DPL3002 judges.
            Lint.None(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1 }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 16, expert: 16 }\nserving: { maxModelLen: 16384 }\n", "DPL3006");
        }

        [Fact]
        public void Ep8_inside_a_node_is_silent()
        {
            Lint.None(Lint.Header + "model: { id: Qwen/Qwen3-235B-A22B-FP8 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism: { tensor: 8, expert: 8 }\nserving: { maxModelLen: 16384 }\n", "DPL3006");
        }
    }
}
