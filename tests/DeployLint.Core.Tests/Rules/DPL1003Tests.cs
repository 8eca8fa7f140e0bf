using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    public class DPL1003Tests
    {
        // vllm#13061: DeepSeek-R1-Distill-Qwen-14B on 2 x RTX 4090, TP 2, gmu 0.98, default max len 131072:
        // "The model's max seq len (131072) is larger than the maximum number of tokens that can be stored in KV cache (81536)."
        private const string DistillOn4090 = Lint.Header +
            "model: { id: deepseek-ai/DeepSeek-R1-Distill-Qwen-14B }\n" +
            "hardware: { gpu: RTX-4090-24GB, gpusPerNode: 2 }\n" +
            "parallelism: { tensor: 2 }\n" +
            "serving: { gpuMemoryUtilization: 0.98 }\n";

        [Fact]
        public void Default_max_len_of_the_distill_model_on_two_4090s_does_not_fit()
        {
            var d = Lint.Single(DistillOn4090, "DPL1003");
            Lint.At(d, 7, 1);
            Assert.Contains("one request of maxModelLen 131,072 tokens needs 12.0 GiB of KV cache per GPU", d.Message);
        }

        [Fact]
        public void Capacity_is_close_to_what_vllm_logged()
        {
            var memory = Lint.Text(DistillOn4090).Deployments[0].Memory!;
            // 98,304 KV bytes per token per GPU (48 layers x 4 KV heads x 128 x 2 x 2 bytes); the log said 81,536 tokens.
            Assert.Equal(98_304, memory.KvBytesPerToken);
            Assert.InRange(memory.MaxTokensInKvCache, 70_000, 95_000);
        }

        [Fact]
        public void An_explicit_max_model_len_is_the_reported_location()
        {
            var d = Lint.Single(DistillOn4090.Replace("0.98 }", "0.98, maxModelLen: 131072 }"), "DPL1003");
            Lint.At(d, 7, 53);
        }
    
        /// <summary>
        /// vllm#23278 (shared corpus 21): gpt-oss-120b on one H100, gmu 0.90, default max len 131,072: "Model loading took
        /// 65.9651 GiB", then "EngineCore failed to start". llm-d-benchmark: the same GPU at max len 16,000 starts.
        /// </summary>
        [Fact]
        public void Gpt_oss_120b_on_one_h100_refuses_at_the_default_context_and_starts_at_16k()
        {
            const string plan = Lint.Header + "model: { id: openai/gpt-oss-120b }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: vllm, gpuMemoryUtilization: 0.90{0} }\n";
            var refused = Lint.Text(plan.Replace("{0}", ""));
            Assert.Contains(refused.Diagnostics, d => d.Id == "DPL1003" && d.Severity == Severity.Error);
            double weightsGiB = refused.Deployments[0].Memory!.WeightsBytes / (double)(1L << 30);
            Assert.InRange((weightsGiB - 65.9651) / 65.9651, -0.01, 0.01);
            var starts = Lint.Text(plan.Replace("{0}", ", maxModelLen: 16000"));
            Assert.DoesNotContain(starts.Diagnostics, d => d.Severity == Severity.Error);
        }

        /// <summary>
        /// SGLang starts with any positive pool and caps each request (scheduler: max_req_len = min(context_len - 1,
        /// max_total_num_tokens - 1)); TensorRT-LLM starts and lowers max_seq_len. Neither refuses, so neither is an error.
        /// </summary>
        [Theory]
        [InlineData("vllm, version: \"0.19\"", Severity.Error, "the engine refuses to start")]
        [InlineData("sglang", Severity.Warning, "SGLang starts, but caps every request at")]
        [InlineData("trtllm", Severity.Warning, "TensorRT-LLM starts and lowers max_seq_len to about")]
        public void Severity_follows_what_the_engine_does(string engine, Severity severity, string words)
        {
            var d = Lint.Single(DistillOn4090.Replace("{ gpuMemoryUtilization: 0.98 }", "{ engine: " + engine + ", gpuMemoryUtilization: 0.98, maxModelLen: 131072 }"), "DPL1003");
            Assert.Equal(severity, d.Severity);
            Assert.Contains(words, d.Message);
            Lint.At(d, 7, engine.Length + 63);
        }
    }
}
