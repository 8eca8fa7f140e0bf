using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL3004Tests
    {
        [Fact]
        public void Tp2_on_l40s_is_a_note_with_the_pcie_cost()
        {
            var d = Lint.Single(System.IO.File.ReadAllText(Repo.PathOf("samples/manifests/llama-3.1-70b-awq-2xl40s.deploy.yaml")), "DPL3004");
            Assert.Equal(Severity.Info, d.Severity);
            Lint.At(d, 13, 24);
            Assert.StartsWith("TP 2 all-reduces over pcie-gen4 (31.5 GB/s per GPU)", d.Message);
        }

        [Fact]
        public void Nvlink_is_silent()
        {
            Lint.None(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\nserving: { maxModelLen: 8192 }\n", "DPL3004");
        }
    }
}
