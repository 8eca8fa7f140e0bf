using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// A model DeployLint cannot count is a warning, never a build-breaking error, and every check that needs no
    /// architecture still runs: the precision against the GPU, the GPU count against the layout, TP across nodes.
    /// </summary>
    public class UnknownModelTests
    {
        private static Diagnostic Single(LintResult result, string id) => Assert.Single(result.Diagnostics, d => d.Id == id);

        [Fact]
        public void An_unknown_model_is_a_warning_at_its_id_and_bf16_on_a_t4_is_still_an_error()
        {
            var result = Lint.Text(Lint.Header + "model: { id: acme/secret-model-7b, weights: bf16 }\nhardware: { gpu: T4-16GB }\n");
            var unknown = Single(result, "DPL0006");
            Assert.Equal((Severity.Warning, 4, 14), (unknown.Severity, unknown.Line, unknown.Column));
            Assert.EndsWith("memory, latency and divisibility are not checked (set model.config to its config.json to check them)", unknown.Message);
            var bf16 = Single(result, "DPL2004");
            Assert.Equal(Severity.Error, bf16.Severity);
            Assert.StartsWith("T4-16GB (compute capability 7.5) has no bf16 support", bf16.Message);
            Assert.Null(Assert.Single(result.Deployments).Plan);
        }

        [Fact]
        public void An_unknown_model_with_no_stated_format_gets_no_precision_verdict()
        {
            var result = Lint.Text(Lint.Header + "model: { id: acme/secret-model-7b }\nhardware: { gpu: T4-16GB }\n");
            Assert.Equal(new[] { "DPL0006" }, result.Diagnostics.Select(d => d.Id).ToArray());
            Assert.False(result.HasErrors);
        }

        [Fact]
        public void Tp_across_nodes_is_reported_with_its_link_when_the_model_is_unknown()
        {
            var result = Lint.Text(Lint.Header + "model: { id: acme/secret-model-70b }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 16 }\n");
            var tp = Single(result, "DPL3002");
            Assert.Equal((Severity.Warning, 6, 24), (tp.Severity, tp.Line, tp.Column));
            Assert.Equal("TP 16 spans 2 nodes of 8 GPUs, so its all-reduces cross ib-ndr-400 (50 GB/s per GPU vs 450 GB/s on nvlink4). TP 8 x PP 2 keeps all-reduce on nvlink4", tp.Message);
        }

        [Fact]
        public void An_architecture_outside_the_supported_list_is_a_warning_and_the_layout_is_still_checked()
        {
            var files = new InMemoryFiles(("models/acme/config.json", "{\"model_type\": \"acme_hyper\", \"hidden_size\": 4096}"));
            var result = Lint.Text(Lint.Header + "model: { config: models/acme/config.json }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism: { tensor: 3 }\n",
                new LintOptions { Files = files });
            var arch = Single(result, "DPL0009");
            Assert.Equal(Severity.Warning, arch.Severity);
            Assert.EndsWith("; memory, latency and divisibility are not checked", arch.Message);
            var count = Single(result, "DPL3001");
            Assert.Equal("the hardware has 1 x 8 = 8 GPUs but TP 3 x PP 1 x DP 1 uses 3; 5 GPU(s) stay idle", count.Message);
        }
    
        /// <summary>
        /// StarCoder2-15B (bigcode/starcoder2-15b config.json; model card: 16B parameters), a model_type DeployLint does not
        /// model: estimated as a Llama-style decoder with a non-gated MLP (hidden_act gelu_pytorch_tanh) it counts
        /// 15,955,630,080 (the biases left out), within the stated bound of the card's figure.
        /// </summary>
        [Fact]
        public void An_unmodelled_decoder_with_the_usual_fields_gets_an_approximate_estimate_that_says_so()
        {
            const string Config = "{\"model_type\": \"starcoder2\", \"hidden_size\": 6144, \"intermediate_size\": 24576, \"num_attention_heads\": 48, \"num_key_value_heads\": 4, " +
                "\"num_hidden_layers\": 40, \"vocab_size\": 49152, \"hidden_act\": \"gelu_pytorch_tanh\", \"max_position_embeddings\": 16384, \"tie_word_embeddings\": false, \"torch_dtype\": \"bfloat16\"}";
            var files = new InMemoryFiles(("models/sc2/config.json", Config));
            var result = Lint.Text(Lint.Header + "model: { config: models/sc2/config.json }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 16384 }\n",
                new LintOptions { Files = files });
            var arch = Single(result, "DPL0009");
            Assert.Equal(Severity.Warning, arch.Severity);
            Assert.StartsWith("model_type 'starcoder2' is not modelled exactly; DeployLint estimates it as a Llama-style decoder (non-gated MLP, no biases) from config.json's sizes: 15,955,630,080 parameters, weights within about 40% (one MLP matrix per layer plus 2%)", arch.Message);
            var d = Assert.Single(result.Deployments);
            Assert.NotNull(d.Memory);
            var approximation = d.Plan!.Architecture.Approximation!;
            Assert.InRange(System.Math.Abs(d.Plan.Architecture.TotalParameters / 16e9 - 1), 0, approximation.WeightsUncertainty);
        }

        [Fact]
        public void A_silu_decoder_is_estimated_with_a_gated_mlp()
        {
            var plain = Lint.Text(Lint.Header + "model: { config: models/x/config.json }\nhardware: { gpu: H100-SXM-80GB }\n",
                new LintOptions { Files = new InMemoryFiles(("models/x/config.json", "{\"model_type\": \"acme_lm\", \"hidden_size\": 4096, \"intermediate_size\": 11008, \"num_attention_heads\": 32, \"num_hidden_layers\": 32, \"vocab_size\": 32000, \"max_position_embeddings\": 4096}")) });
            var d = Assert.Single(plain.Deployments);
            Assert.Equal("gated", d.Plan!.Architecture.Approximation!.Mlp);
            Assert.Equal(6_738_415_616L, d.Plan.Architecture.TotalParameters); // Llama-2-7B's shapes, counted as Llama
        }
    }
}
