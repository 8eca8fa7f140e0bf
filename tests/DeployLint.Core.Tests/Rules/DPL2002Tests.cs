using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL2002Tests
    {
        [Fact]
        public void Seventy_b_bf16_on_four_a100_pcie_misses_a_20ms_tpot_bound_by_hbm()
        {
            // 141 GB of weights over 4 GPUs at 1,935 GB/s x 0.73: ~25 ms per step before any communication.
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: A100-PCIE-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\nserving: { maxModelLen: 8192, maxConcurrentSequences: 8 }\nslo: { tpotMs: 20 }\n", "DPL2002");
            Lint.At(d, 8, 16);
            Assert.Contains("bound by HBM bandwidth", d.Message);
        }
    }
}
