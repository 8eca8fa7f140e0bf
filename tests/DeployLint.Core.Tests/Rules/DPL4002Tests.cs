using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4002Tests
    {
        [Fact]
        public void Six_way_tp_over_eight_kv_heads_cannot_be_sharded()
        {
            // Llama-3.1-8B: 32 query heads (TP 6 also fails DPL4001), 8 KV heads: 8 % 6 != 0 and 6 % 8 != 0.
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: L4-24GB, gpusPerNode: 6 }\nparallelism: { tensor: 6 }\n", "DPL4002");
            Lint.At(d, 6, 24);
        }

        [Fact]
        public void Sixteen_way_tp_over_eight_kv_heads_replicates_instead()
        {
            Lint.None(Lint.Header + "model: { id: meta-llama/Llama-3.1-405B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 16 }\n", "DPL4002");
        }
    }
}
