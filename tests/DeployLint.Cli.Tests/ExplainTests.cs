using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>
    /// estimate --explain next to the real vLLM 0.19 log of Llama-3.1-8B-Instruct on one H100, gmu 0.95, 8192 batched tokens
    /// (llm-d-planner accuracy sweep, logs/meta-llama-llama-3-1-8b---h100-80gb--tp1pp1dp1--8192.log): "Model loading took 14.99 GiB",
    /// "Available KV cache memory: 58.11 GiB", "GPU KV cache size: 476,016 tokens".
    /// </summary>
    public class ExplainTests
    {
        [Fact]
        public void Explain_prints_the_engine_log_lines_with_their_terms()
        {
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: llama-8b-tp1\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: vllm, gpuMemoryUtilization: 0.95, maxModelLen: 8192, maxBatchedTokens: 8192 }\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "p.deploy.yaml", "--explain");
            Assert.Equal(0, exit);
            var lines = output.Split('\n');
            Assert.Equal("llama-8b-tp1: vllm 0.19 on one H100-SXM-80GB", lines[0].TrimEnd());
            Assert.Equal("  Model loading took 14.99 GiB", lines[1].TrimEnd());
            Assert.Contains("  Available KV cache memory: 58.14 GiB", output);
            Assert.Contains("  GPU KV cache size: 476,304 tokens", output);
            Assert.Contains("131,072 bytes per token (bf16, K and V of 8 of 8 KV heads x 128 per layer)", output);
        }
    }
}
