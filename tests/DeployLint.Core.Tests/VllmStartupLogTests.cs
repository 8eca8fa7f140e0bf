using System;
using System.Collections.Generic;
using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Real vLLM 0.19.0 start-up logs on H100 80GB (llm-d-planner accuracy sweep, commit d3121e05; one log per case,
    /// path accuracy/results/v0.19.0/logs/...): "Model loading took" (weights GiB), "Available KV cache memory" and
    /// "GPU KV cache size" (tokens). gmu 0.95, max_num_batched_tokens 8192, max_model_len 8192.
    /// </summary>
    public class VllmStartupLogTests
    {
        private readonly ITestOutputHelper _output;

        public VllmStartupLogTests(ITestOutputHelper output) { _output = output; }

        public static IEnumerable<object[]> Cases => new[]
        {
            // model, weights, kvCache, tp, pp, logged weights GiB, logged KV tokens, log file
            new object[] { "meta-llama/Llama-3.1-8B-Instruct", "bf16", "bf16", 1, 1, 14.99, 476_016L, "meta-llama-llama-3-1-8b---h100-80gb--tp1pp1dp1--8192.log" },
            new object[] { "meta-llama/Llama-3.1-8B-Instruct", "bf16", "bf16", 2, 1, 7.51, 1_044_688L, "meta-llama-llama-3-1-8b---h100-80gb--tp2pp1dp1--8192.log" },
            new object[] { "meta-llama/Llama-3.1-8B-Instruct", "bf16", "bf16", 1, 2, 7.51, 1_075_312L, "meta-llama-llama-3-1-8b---h100-80gb--tp1pp2dp1--8192.log" },
            new object[] { "meta-llama/Llama-3.1-8B-Instruct", "bf16", "fp8-e4m3", 1, 1, 14.99, 952_032L, "meta-llama---h100-80gb--tp1pp1dp1--8192-dtbf16-kvfp8.log" },
            new object[] { "Qwen/Qwen2.5-7B-Instruct", "bf16", "bf16", 1, 1, 14.25, 1_096_000L, "qwen-qwen2-5-7b-instruct--h100-80gb--tp1pp1dp1--8192.log" },
            new object[] { "Qwen/Qwen2.5-7B-Instruct", "bf16", "bf16", 4, 1, 3.55, 5_043_280L, "qwen-qwen2-5-7b-instruct--h100-80gb--tp4pp1dp1--8192.log" },
            new object[] { "RedHatAI/Meta-Llama-3.1-8B-Instruct-quantized.w8a8", "int8", "fp16", 1, 1, 8.49, 529_200L, "w8a8-redhatai-llam--h100-80gb--tp1pp1dp1--8192-dtf16.log" },
            new object[] { "google/gemma-2-9b-it", "bf16", "bf16", 1, 1, 17.22, 168_880L, "google-gemma-2-9b-it--h100-80gb--tp1pp1dp1--8192.log" },
            new object[] { "openai/gpt-oss-20b", "mxfp4", "bf16", 1, 1, 13.64, 1_277_184L, "openai-gpt-oss-20b--h100-80gb--tp1pp1dp1--8192.FAILED.log" },
            // Further logs of the same sweep (accuracy/results/v0.19.0/logs), for models added with their architecture.
            new object[] { "ibm-granite/granite-3.1-8b-instruct", "bf16", "bf16", 1, 1, 15.25, 384_432L, "granite-3-1-8b--h100-80gb--tp1pp1dp1--8192.log" },
            new object[] { "Qwen/Qwen1.5-MoE-A2.7B", "bf16", "bf16", 1, 1, 26.67, 250_304L, "qwen-qwen1-5-moe-a2-7b--h100-80gb--tp1pp1dp1--8192.log" },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Estimate_matches_the_logged_weights_and_kv_tokens(string model, string weights, string kv, int tp, int pp, double loggedWeightsGiB, long loggedTokens, string log)
        {
            string manifest = $@"apiVersion: deploylint/v1
kind: InferenceDeployment
name: calib
model: {{ id: {model}, weights: {weights}, kvCache: {kv} }}
hardware: {{ gpu: H100-SXM-80GB, nodes: 1, gpusPerNode: {tp * pp} }}
parallelism: {{ tensor: {tp}, pipeline: {pp} }}
serving: {{ engine: vllm, gpuMemoryUtilization: 0.95, maxModelLen: 8192, maxBatchedTokens: 8192 }}
";
            var result = Linter.Lint(manifest, "calib.deploy.yaml");
            var d = Assert.Single(result.Deployments);
            Assert.NotNull(d.Memory);
            double weightsGiB = d.Memory!.WeightsBytes / (double)(1L << 30);
            long tokens = d.Memory.MaxTokensInKvCache;
            double weightsError = (weightsGiB - loggedWeightsGiB) / loggedWeightsGiB;
            double tokenError = (tokens - loggedTokens) / (double)loggedTokens;
            _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: weights {1:0.000} GiB vs {2} ({3:P2}); KV tokens {4} vs {5} ({6:P2}); act {7:0.00} GiB",
                log, weightsGiB, loggedWeightsGiB, weightsError, tokens, loggedTokens, tokenError, d.Memory.ActivationBytes / (double)(1L << 30)));
            Assert.InRange(Math.Abs(weightsError), 0, 0.01);
            Assert.InRange(Math.Abs(tokenError), 0, 0.05);
        }
    }
}
