using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4008Tests
    {
        // shared corpus 30 / vllm#17569: Qwen3-235B-A22B-FP8 at TP 8: moe_intermediate_size 1536 / 8 = 192, not a multiple of 128.
        private const string Qwen235Fp8 = "model: { id: Qwen/Qwen3-235B-A22B-FP8 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism:\n  {0}\nserving: { maxModelLen: 8192 }\n";

        [Fact]
        public void Qwen3_235b_fp8_at_tp8_fails_with_vllms_message()
        {
            var d = Lint.Single(Lint.Header + Qwen235Fp8.Replace("{0}", "tensor: 8"), "DPL4008");
            Lint.At(d, 7, 11);
            Assert.StartsWith("The output_size of gate's and up's weight = 192 is not divisible by weight quantization block_n = 128", d.Message);
            Assert.EndsWith("Use expert parallelism (EP = TP: experts are not split), or TP 1 or 2 or 4 keeps whole blocks", d.Message);
        }

        [Theory]
        [InlineData("{ tensor: 8, expert: 8 }")]
        [InlineData("{ tensor: 4, data: 2 }")]
        public void Expert_parallelism_or_tp4_keeps_whole_blocks(string layout)
        {
            Lint.None(Lint.Header + Qwen235Fp8.Replace("{0}", layout), "DPL4008");
        }

        [Fact]
        public void Qwen3_30b_fp8_at_tp4_is_vllm_25292()
        {
            var d = Lint.Single(Lint.Header + "model: { id: Qwen/Qwen3-30B-A3B-FP8 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\nserving: { maxModelLen: 8192 }\n", "DPL4008");
            Assert.StartsWith("The output_size of gate's and up's weight = 192", d.Message);
        }

        /// <summary>
        /// Qwen's own -FP8 releases are all 128 x 128 block FP8 (their model cards: "fine-grained fp8 quantization with block
        /// size of 128"): one the catalog lacks, read from its name, is refused at TP 4 as Qwen3-30B-A3B-FP8 is, and so is an
        /// -FP8-block upload. Another organisation's -FP8 upload says nothing of blocks, so it is taken as per-tensor FP8.
        /// </summary>
        [Theory]
        [InlineData("Qwen/Qwen3-30B-A3B-Instruct-2507-FP8", true)]
        [InlineData("Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8", true)]
        [InlineData("RedHatAI/Qwen3-30B-A3B-Instruct-2507-FP8-block", true)] // llm-compressor's FP8_BLOCK preset: 128 x 128
        [InlineData("someone/Qwen3-30B-A3B-Instruct-2507-FP8", false)]
        public void A_qwen_fp8_release_outside_the_catalog_is_block_fp8(string id, bool refused)
        {
            string manifest = Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: H100-SXM-80GB, gpusPerNode: 4 }}\nparallelism: {{ tensor: 4 }}\nserving: {{ maxModelLen: 8192 }}\n";
            if (refused) Assert.StartsWith("The output_size of gate's and up's weight = 192 is not divisible by weight quantization block_n = 128", Lint.Single(manifest, "DPL4008").Message);
            else Lint.None(manifest, "DPL4008");
        }

        [Theory]
        [InlineData(8)]
        [InlineData(16)]
        public void Deepseek_r1_block_fp8_aligns_at_tp8_and_tp16(int tp)
        {
            Lint.None(Lint.Header + $"model: {{ id: deepseek-ai/DeepSeek-R1 }}\nhardware: {{ gpu: H200-SXM-141GB, nodes: {tp / 8}, gpusPerNode: 8, interNode: ib-ndr-400 }}\nparallelism: {{ tensor: {tp} }}\nserving: {{ maxModelLen: 8192 }}\n", "DPL4008");
        }

        [Fact]
        public void Awq_qwen2_72b_at_tp2_cuts_a_group()
        {
            // Qwen2.5-72B intermediate_size 29568 / TP 2 = 14784 = 115.5 x 128 (why Qwen's AWQ release pads to 29696).
            const string config = "{ \"model_type\": \"qwen2\", \"hidden_size\": 8192, \"intermediate_size\": 29568, \"num_attention_heads\": 64, \"num_key_value_heads\": 8, \"num_hidden_layers\": 80, \"vocab_size\": 152064, \"max_position_embeddings\": 32768, \"torch_dtype\": \"float16\", \"quantization_config\": { \"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128, \"zero_point\": true } }";
            var result = Lint.Text(Lint.Header + "model: { config: qwen72b-awq/config.json }\nhardware: { gpu: A100-SXM-80GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\nserving: { maxModelLen: 8192 }\n",
                new LintOptions { Files = new InMemoryFiles(("qwen72b-awq/config.json", config)) });
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL4008");
            Assert.StartsWith("The input size is not aligned with the quantized weight shape: input_size_per_partition = 14784 is not a multiple of group_size = 128", d.Message);
        }
    }
}
