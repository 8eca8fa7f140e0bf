using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4001Tests
    {
        [Fact]
        public void Llama_30b_with_52_heads_on_tp3_fails_with_vllms_message()
        {
            // vllm#414: LLaMA 33B on 3 x V100 32G: "Total number of attention heads (52) must be divisible by tensor parallel size (3)."
            var d = Lint.Single(Lint.Header + "model: { id: huggyllama/llama-30b }\nhardware: { gpu: V100-SXM-32GB, gpusPerNode: 3 }\nparallelism: { tensor: 3 }\n", "DPL4001");
            Lint.At(d, 6, 24);
            Assert.StartsWith("Total number of attention heads (52) must be divisible by tensor parallel size (3)", d.Message);
            Assert.EndsWith("can use TP 1, 2, 4", d.Message);
        }
    }
}
