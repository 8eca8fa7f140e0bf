using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL3003Tests
    {
        [Fact]
        public void Lws_sglang_llama_8b_tp2_over_tcp_between_pods_is_a_warning()
        {
            // shared corpus 02 (LWS SGLang example): TP 2 across 2 pods of 1 GPU each; no RDMA resources requested. The
            // official example runs, slowly: a warning, never an error (a plan the engine starts and serves).
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 1, interNode: eth-25g }\nparallelism:\n  tensor: 2\nserving: { maxModelLen: 8192 }\n", "DPL3003");
            Lint.At(d, 7, 11);
            Assert.Equal(Severity.Warning, d.Severity);
            Assert.StartsWith("TP 2 crosses nodes over eth-25g (TCP, 3.13 GB/s, ~30 us per hop)", d.Message);
        }
    }
}
