using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4004Tests
    {
        [Fact]
        public void Mixtral_eight_experts_over_ep3()
        {
            var d = Lint.Single(Lint.Header + "model: { id: mistralai/Mixtral-8x7B-Instruct-v0.1 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 6 }\nparallelism: { tensor: 2, data: 3, expert: 3 }\n", "DPL4004");
            Lint.At(d, 6, 44);
            Assert.StartsWith("mistralai/Mixtral-8x7B-Instruct-v0.1 has 8 routed experts per MoE layer, which EP 3 cannot split evenly", d.Message);
        }
    }
}
