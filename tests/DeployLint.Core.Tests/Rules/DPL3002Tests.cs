using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL3002Tests
    {
        private const string Tp16 = "model: { id: deepseek-ai/DeepSeek-R1 }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: {0} }\nparallelism:\n  tensor: 16\nserving: { maxModelLen: 32768, maxConcurrentSequences: 16 }\n";

        [Fact]
        public void Tp16_over_two_nodes_on_infiniband_is_a_warning_with_numbers_and_the_fix()
        {
            var d = Lint.Single(Lint.Header + Tp16.Replace("{0}", "ib-ndr-400"), "DPL3002");
            Assert.Equal(Severity.Warning, d.Severity);
            Lint.At(d, 7, 11);
            Assert.StartsWith("TP 16 spans 2 nodes of 8 GPUs, so its all-reduces cross ib-ndr-400 (50 GB/s per GPU vs 450 GB/s on nvlink4)", d.Message);
            Assert.EndsWith("TP 8 x PP 2 keeps all-reduce on nvlink4", d.Message);
        }

        [Fact]
        public void Tp8_pp2_keeps_tp_inside_the_node()
        {
            Lint.None(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1 }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 8, pipeline: 2 }\nserving: { maxModelLen: 32768 }\n", "DPL3002");
        }

        [Fact]
        public void Tp16_over_100_gbe_is_reported_as_tcp_instead()
        {
            var result = Lint.Text(Lint.Header + Tp16.Replace("{0}", "eth-100g"));
            Assert.DoesNotContain(result.Diagnostics, x => x.Id == "DPL3002");
            Assert.Contains(result.Diagnostics, x => x.Id == "DPL3003" && x.Severity == Severity.Warning);
        }
    }
}
