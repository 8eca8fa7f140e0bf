using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL3005Tests
    {
        [Fact]
        public void Small_model_with_wide_tp_is_collective_bound()
        {
            // Llama-3.1-8B at TP 8: each GPU reads 2 GB per step (~0.8 ms) but does 64 all-reduces of ~11 us each.
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism:\n  tensor: 8\nserving: { maxModelLen: 8192 }\n", "DPL3005");
            Lint.At(d, 7, 11);
            Assert.Contains("above the 30% limit", d.Message);
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
