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
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: llama-8b-tp1\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: vllm, engineVersion: \"0.19\", gpuMemoryUtilization: 0.95, maxModelLen: 8192, maxBatchedTokens: 8192 }\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "p.deploy.yaml", "--explain");
            Assert.Equal(0, exit);
            var lines = output.Split('\n');
            Assert.Equal("llama-8b-tp1: vllm 0.19 on one H100-SXM-80GB", lines[0].TrimEnd());
            Assert.DoesNotContain("Estimated CUDA graph memory", output);
            Assert.Equal("  Model loading took 14.99 GiB", lines[1].TrimEnd());
            Assert.Contains("  Available KV cache memory: 58.14 GiB", output);
            Assert.Contains("  GPU KV cache size: 476,304 tokens", output);
            Assert.Contains("131,072 bytes per token (bf16, K and V of 8 of 8 KV heads x 128 per layer)", output);
        }

        /// <summary>
        /// Without engineVersion the newest modelled vLLM is assumed and said; from 0.21 the CUDA-graph estimate comes out of the
        /// budget and is printed as vLLM 0.21+ logs it: 51 piecewise + 51 full graphs (max_num_seqs 1024, capture sizes 1..512)
        /// of 32 layers, 0.03 + 50 x 33 pieces x 0.41 MiB = 0.69 GiB, so 58.14 - 0.69 = 57.45 GiB and gmu 0.95 ~ 0.9413 without it.
        /// </summary>
        [Fact]
        public void Explain_prints_the_cuda_graph_estimate_of_vllm_021_and_later()
        {
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: llama-8b-tp1\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: vllm, gpuMemoryUtilization: 0.95, maxModelLen: 8192, maxBatchedTokens: 8192 }\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "p.deploy.yaml", "--explain");
            Assert.Equal(0, exit);
            var lines = output.Split('\n');
            Assert.Equal("llama-8b-tp1: vllm 0.30 (newest modelled; no engineVersion given) on one H100-SXM-80GB", lines[0].TrimEnd());
            Assert.Contains("  Estimated CUDA graph memory: 0.69 GiB total", output);
            Assert.Contains("PIECEWISE=51, FULL=51 graphs of 32 layers (Model Runner V2)", output);
            Assert.Contains("--gpu-memory-utilization=0.9500 is equivalent to 0.9413 without CUDA graph memory profiling", output);
            Assert.Contains("  Available KV cache memory: 57.45 GiB", output);
            Assert.Contains("  GPU KV cache size: 470,640 tokens", output);

            repo.Write("e.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: eager\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: vllm, engineVersion: \"0.26.0\", enforceEager: true, gpuMemoryUtilization: 0.95, maxModelLen: 8192, maxBatchedTokens: 8192 }\n");
            (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "e.deploy.yaml", "--explain");
            Assert.Equal(0, exit);
            Assert.Contains("  Estimated CUDA graph memory: none subtracted (--enforce-eager captures no CUDA graphs)", output);
            Assert.Contains("  Available KV cache memory: 58.14 GiB", output);
        }
    
        /// <summary>
        /// SGLang and TensorRT-LLM plans are explained in their own log lines: "KV Cache is allocated. #tokens: N, K size: X GB,
        /// V size: X GB" and "max_total_num_tokens=N" (SGLang's GB are GiB), "[MemUsageChange] Allocated X GiB for max tokens in
        /// paged KV cache (N)".
        /// </summary>
        [Fact]
        public void Explain_speaks_each_engine_s_log_vocabulary()
        {
            using var repo = new TempRepo();
            repo.Write("s.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: s\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: sglang, engineVersion: \"0.4.1\", maxModelLen: 8192 }\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "s.deploy.yaml", "--explain");
            Assert.Equal(0, exit);
            var kv = System.Text.RegularExpressions.Regex.Match(output, @"  KV Cache is allocated\. #tokens: (\d+), K size: ([0-9.]+) GB, V size: ([0-9.]+) GB");
            Assert.True(kv.Success, output);
            Assert.Equal(kv.Groups[2].Value, kv.Groups[3].Value);
            Assert.Contains($"  max_total_num_tokens={kv.Groups[1].Value}", output);
            Assert.DoesNotContain("GPU KV cache size", output);

            repo.Write("t.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: t\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: trtllm, maxModelLen: 8192 }\n");
            (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "t.deploy.yaml", "--explain");
            Assert.Equal(0, exit);
            Assert.Matches(@"  \[MemUsageChange\] Allocated [0-9.]+ GiB for max tokens in paged KV cache \(\d+\)", output);
        }

        /// <summary>
        /// Time is explained term by term. DeepSeek-R1 launches 3 dense layers x (MLA 11 + MLP 4) + 58 MoE layers x (MLA 11 +
        /// MoE 8 + shared expert 3) + sampling 5 = 1,326 kernels a step, 4.51 ms at 3.4 us each; 4 clients of 1,024 / 1,024
        /// tokens send 4 / 1,024 prompts per step, which SGLang prefills between decode steps. The MoE layers' intermediate
        /// activations are GPU work on top of the roofline.
        /// </summary>
        [Fact]
        public void Explain_breaks_tpot_and_ttft_into_their_terms()
        {
            using var repo = new TempRepo();
            repo.Write("r1.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: r1\nmodel: { id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }\n" +
                "hardware: { gpu: H200-SXM-141GB, gpusPerNode: 8 }\nparallelism: { tensor: 8 }\nserving: { engine: sglang, maxModelLen: 4096, maxConcurrentSequences: 4 }\n" +
                "slo: { inputTokens: 1024, outputTokens: 1024 }\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "r1.deploy.yaml", "--explain");
            Assert.Equal(0, exit);
            Assert.Contains("time per output token at 4 concurrent request(s) of 1,024 input / 1,024 output tokens: 9.48 ms", output);
            Assert.Contains("  decode step 9.16 ms, bound by kernel launches:", output);
            Assert.Contains("      kernels 4.51 ms (1,326 kernels x 3.4 us floor per kernel in a CUDA graph)", output);
            Assert.Contains("  other requests' prefills 0.32 ms per step: 0.004 prompts arrive per step (4 clients x 1 prompt per 1,024 steps); SGLang runs them as prefill batches between decode steps", output);
            Assert.Contains("TTFT 95.4 ms:", output);
            // 58 MoE layers x (1,024 tokens x 8 rows x (6 x 256 + 2 x 7,168) + 1,024 x 7,168) x 2 bytes.
            Assert.Contains("      + MoE activations 4.55 ms (15.93 GB per GPU: each routed token's gate/up, activation and down-projection outputs, written and read back between the expert kernels)", output);
            Assert.Contains("      sglang runs this prefill without a CUDA graph: the host dispatches its 1,326 kernels one by one, 82.2 ms at 62 us each (GPU work 41.1 ms; the phase takes the larger)", output);
            Assert.Contains("  + 4.74 ms for the step running when the request arrives (half a step), + 1.43 ms waiting behind other prefills", output);
        }
    }
}
