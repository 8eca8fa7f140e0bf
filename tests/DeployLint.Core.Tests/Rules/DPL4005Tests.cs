using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL4005Tests
    {
        [Fact]
        public void Qwen3_beyond_its_40960_positions()
        {
            var d = Lint.Single(Lint.Header + "model: { id: Qwen/Qwen3-8B }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n", "DPL4005");
            Lint.At(d, 7, 16);
            Assert.StartsWith("maxModelLen 131,072 is greater than the 40,960 tokens Qwen/Qwen3-8B supports", d.Message);
        }

        [Fact]
        public void Yarn_scaling_extends_the_context_as_vllm_derives_it()
        {
            // DeepSeek-V3: rope_scaling yarn, factor 40 x original 4096 = 163,840.
            Lint.None(Lint.Header + "model: { id: deepseek-ai/DeepSeek-V3 }\nhardware: { gpu: H200-SXM-141GB, gpusPerNode: 8 }\nparallelism: { tensor: 8 }\nserving:\n  maxModelLen: 163840\n", "DPL4005");
        }
    
        /// <summary>
        /// TensorRT-LLM accepted and served a max_seq_len two tokens past the model's context (engine-notes, issue #22), so
        /// the same plan is a warning under trtllm, still an error under vLLM, which refuses it.
        /// </summary>
        [Fact]
        public void Tensor_rt_llm_accepts_a_longer_max_seq_len_so_it_is_a_warning()
        {
            string Plan(string engine) => Lint.Header + $"model: {{ id: Qwen/Qwen3-8B }}\nhardware: {{ gpu: H100-SXM-80GB }}\nserving:\n  engine: {engine}\n  maxModelLen: 40962\n";
            var trt = Lint.Single(Plan("trtllm"), "DPL4005");
            Assert.Equal(Severity.Warning, trt.Severity);
            Assert.Contains("TensorRT-LLM accepts it", trt.Message);
            Assert.Equal(Severity.Error, Lint.Single(Plan("vllm"), "DPL4005").Severity);
        }
    }
}
