using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4009Tests
    {
        // Llama-2-7B's shape (intermediate 11008) quantized with GPTQ int4, per channel (group_size -1) or in groups of 128.
        private static string Config(int groupSize) =>
            "{ \"model_type\": \"llama\", \"hidden_size\": 4096, \"intermediate_size\": 11008, \"num_attention_heads\": 32, \"num_key_value_heads\": 32, \"num_hidden_layers\": 32, " +
            "\"vocab_size\": 32000, \"max_position_embeddings\": 4096, \"torch_dtype\": \"float16\", " +
            $"\"quantization_config\": {{ \"quant_method\": \"gptq\", \"bits\": 4, \"group_size\": {groupSize}, \"desc_act\": false, \"sym\": true }} }}";

        private static LintResult Run(int groupSize, int tp, string gpu) =>
            Linter.Lint(Lint.Header + $"model: {{ config: m/config.json }}\nhardware: {{ gpu: {gpu}, gpusPerNode: {tp} }}\nparallelism:\n  tensor: {tp}\nserving: {{ maxModelLen: 4096 }}\n",
                "p.deploy.yaml", new LintOptions { Files = new InMemoryFiles(("m/config.json", Config(groupSize))) });

        [Fact]
        public void Tp4_cuts_down_proj_to_2752_columns_which_is_not_whole_128_column_tiles()
        {
            var d = Assert.Single(Run(-1, 4, "A100-SXM-80GB").Active, x => x.Id == "DPL4009");
            Assert.Equal((Severity.Warning, 7, 11), (d.Severity, d.Line, d.Column));
            Assert.StartsWith("mlp.down_proj at TP 4: input_size_per_partition = 2752 is not divisible by min_thread_k = 128", d.Message);
            Assert.EndsWith("TP 1 or 2 keeps whole tiles", d.Message);
        }

        [Fact]
        public void Group_misalignment_is_reported_once_as_the_load_error()
        {
            var result = Run(128, 4, "A100-SXM-80GB");
            Assert.Contains(result.Active, x => x.Id == "DPL4008");
            Assert.DoesNotContain(result.Active, x => x.Id == "DPL4009");
        }

        [Theory]
        [InlineData(2, "A100-SXM-80GB")] // 5504 columns = 43 tiles
        [InlineData(4, "T4-16GB")]       // no Marlin before sm80: the GPTQ kernel has no tile rule
        public void Whole_tiles_or_no_marlin_are_silent(int tp, string gpu)
        {
            Assert.DoesNotContain(Run(-1, tp, gpu).Active, x => x.Id == "DPL4009");
        }
    }
}
