using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL3005Tests
    {
        [Fact]
        public void Tensor_parallel_over_tcp_is_collective_bound()
        {
            // Llama-3.1-8B at TP 2 over 25 Gb/s Ethernet: 64 all-reduces a step, each two ~30 us TCP hops plus the transfer,
            // 4.20 ms of an 8.32 ms step. (At TP 8 on NVLink the same model is bound by its ~300 kernels' floor, not by the
            // all-reduces: 19% of the step.)
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 1, interNode: eth-25g }\nparallelism:\n  tensor: 2\nserving: { maxModelLen: 8192 }\n", "DPL3005");
            Lint.At(d, 7, 11);
            Assert.Contains("communication is 50.5% of a 8.32 ms decode step (TP all-reduce 4.20 ms), above the 30% limit", d.Message);
        }

        [Fact]
        public void The_threshold_is_configurable_and_reported_there()
        {
            string yaml = Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism:\n  tensor: 8\nserving: { maxModelLen: 8192 }\nslo: { maxCommShare: 0.95 }\n";
            Lint.None(yaml, "DPL3005");
            var d = Lint.Single(yaml.Replace("0.95", "0.05"), "DPL3005");
            Lint.At(d, 9, 22);
        }
    }
}
