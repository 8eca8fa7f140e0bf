using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4003Tests
    {
        [Fact]
        public void More_stages_than_layers()
        {
            var d = Lint.Single(Lint.Header + "model: { id: microsoft/Phi-3-mini-4k-instruct }\nhardware: { gpu: T4-16GB, nodes: 8, gpusPerNode: 8, interNode: eth-10g }\nparallelism:\n  pipeline: 64\n", "DPL4003");
            Lint.At(d, 7, 13);
            Assert.Equal("pipeline parallel size 64 exceeds the 32 decoder layers of microsoft/Phi-3-mini-4k-instruct; use PP <= 32", d.Message);
        }
    }
}
