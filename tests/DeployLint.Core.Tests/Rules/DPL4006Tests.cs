using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4006Tests
    {
        [Fact]
        public void Ep_must_divide_tp_times_dp()
        {
            var d = Lint.Single(Lint.Header + "model: { id: Qwen/Qwen3-30B-A3B }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 2 }\nparallelism: { tensor: 2, expert: 4 }\n", "DPL4006");
            Lint.At(d, 6, 35);
            Assert.Equal(Severity.Error, d.Severity);
        }

        [Fact]
        public void Ep_on_a_dense_model_is_a_warning()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 2 }\nparallelism: { tensor: 2, expert: 2 }\n", "DPL4006");
            Assert.Equal(Severity.Warning, d.Severity);
        }
    }
}
