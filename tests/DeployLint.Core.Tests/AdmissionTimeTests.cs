using System;
using System.Linq;
using DeployLint.Estimation;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Engine settings that hold an arrived request back while others decode: SGLang's --scheduler-recv-interval
    /// (scheduler_recv_skipper.py: a decode step weighs 1, a prefill 1000, the socket is polled when the count reaches the
    /// interval) and TensorRT-LLM's batch waiting (PyExecutor._waiting_requests). InferenceX's DeepSeek-R1 recipes on B200
    /// use both (dsr1_fp8_b200.sh: interval 10 below 16 clients, 30 from 16; dsr1_fp8_b200_trt.sh: 40 iterations, 0.8).
    /// </summary>
    public class AdmissionTimeTests
    {
        private static TimeEstimate Estimate(string engine, int clients, string extra) =>
            Lint.Text(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }\nhardware: { gpu: B200-180GB, gpusPerNode: 8 }\n" +
                      $"parallelism: {{ tensor: 8 }}\nserving: {{ engine: {engine}, maxModelLen: 2304, maxConcurrentSequences: {clients}{extra} }}\n" +
                      "slo: { inputTokens: 1024, outputTokens: 1024 }\n").Deployments[0].Time!;

        [Fact]
        public void Sglang_polls_every_n_decode_steps_and_prefills_what_it_received_together()
        {
            var every = Estimate("sglang", 16, "");
            var skipping = Estimate("sglang", 16, ", schedulerRecvInterval: 30");
            Assert.Equal(0, every.AdmissionWaitSeconds);
            Assert.Equal(1, every.AdmittedTogether);
            Assert.Equal(14.5 * skipping.Decode.Seconds, skipping.AdmissionWaitSeconds, 12);
            Assert.Equal(1 + 16 / 1024.0 * 30, skipping.AdmittedTogether, 12);
            // The eager prefill of DeepSeek-R1 is bound by the host's dispatch (1,326 kernels): 1.47 prompts cost one dispatch.
            Assert.Equal(0, skipping.BatchedPrefillSeconds);
            Assert.Equal(every.PrefillInterferenceSeconds / skipping.AdmittedTogether, skipping.PrefillInterferenceSeconds, 12);
            Assert.True(skipping.TtftSeconds - every.TtftSeconds > 13 * skipping.Decode.Seconds);
        }

        [Fact]
        public void Tensorrt_llm_holds_a_prompt_until_the_timeout_when_too_few_tokens_arrive()
        {
            var t = Estimate("trtllm", 128, ", batchWaitIterations: 40, batchWaitTokenRatio: 0.8");
            // 0.8 x 8,192 tokens less 127 generation tokens needs 7 prompts of 1,024; 128 / 1,024 arrive per step, 5 in 40 steps.
            Assert.Equal(6, t.AdmittedTogether, 12);
            Assert.Equal(40 * 3.5 / 6 * t.Decode.Seconds, t.AdmissionWaitSeconds, 12);
            Assert.True(t.BatchedPrefillSeconds > 0);
        }

        [Fact]
        public void Tensorrt_llm_lets_the_batch_go_once_its_tokens_reach_the_ratio()
        {
            var t = Estimate("trtllm", 512, ", batchWaitIterations: 40, batchWaitTokenRatio: 0.8");
            // 6,554 - 511 generation tokens needs 6 prompts; at 0.5 arrivals per step the 5 others come in 10 steps.
            Assert.Equal(6, t.AdmittedTogether, 12);
            Assert.Equal(10 * 3.5 / 6 * t.Decode.Seconds, t.AdmissionWaitSeconds, 12);
        }

        [Theory]
        [InlineData(", batchWaitIterations: 40")]
        [InlineData(", batchWaitTokenRatio: 0.8")]
        [InlineData(", batchWaitIterations: 0, batchWaitTokenRatio: 0.8")]
        public void Tensorrt_llm_waits_only_with_both_settings(string extra)
        {
            var t = Estimate("trtllm", 128, extra);
            Assert.Equal(0, t.AdmissionWaitSeconds);
            Assert.Equal(1, t.AdmittedTogether);
        }

        [Fact]
        public void The_explanation_names_the_setting_and_its_cost()
        {
            var result = Lint.Text(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }\nhardware: { gpu: B200-180GB, gpusPerNode: 8 }\n" +
                                   "parallelism: { tensor: 8 }\nserving: { engine: sglang, maxModelLen: 2304, maxConcurrentSequences: 16, schedulerRecvInterval: 30 }\n" +
                                   "slo: { inputTokens: 1024, outputTokens: 1024 }\n");
            var d = result.Deployments[0];
            var lines = TimeExplanation.For(d.Plan!, d.Time!, d.Plan!.Efficiency);
            Assert.Contains(lines, l => l.Contains("before the engine admits it (--scheduler-recv-interval 30: new requests are polled every 30 decode steps)"));
        }

        [Fact]
        public void A_missed_ttft_target_names_the_admission_wait_and_its_fix()
        {
            var d = Lint.Single(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }\nhardware: { gpu: B200-180GB, gpusPerNode: 8 }\n" +
                                "parallelism: { tensor: 8 }\nserving: { engine: sglang, maxModelLen: 2304, maxConcurrentSequences: 16, schedulerRecvInterval: 30 }\n" +
                                "slo: { inputTokens: 1024, outputTokens: 1024, ttftMs: 150 }\n", "DPL2001");
            Lint.At(d, 8, 55);
            Assert.Contains("before the engine admits and batches it (--scheduler-recv-interval)", d.Message);
            Assert.EndsWith(", or poll for requests more often", d.Message);
        }

        [Fact]
        public void A_recv_interval_of_zero_is_reported_at_its_value()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { engine: sglang, schedulerRecvInterval: 0 }\n", "DPL0007");
            Lint.At(d, 6, 51);
        }

        [Fact]
        public void Sglang_reads_the_recv_interval_and_piecewise_switch_from_its_command_line()
        {
            string yaml = "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: B200-180GB } }\nspec:\n  containers:\n    - name: sglang\n" +
                          "      image: lmsysorg/sglang:v0.5.12-cu130\n" +
                          "      command: [python3, -m, sglang.launch_server, --model-path, Qwen/Qwen3-32B, --tp, \"4\", --scheduler-recv-interval, \"10\", --disable-piecewise-cuda-graph]\n" +
                          "      resources: { limits: { nvidia.com/gpu: 4 } }\n";
            var plan = Assert.Single(Linter.Lint(yaml, "p.yaml").Deployments).Plan!;
            Assert.Equal(10, plan.SchedulerRecvInterval);
            Assert.False(plan.PrefillCudaGraphs);
            Assert.True(TimeEstimator.RunsWithoutGraph(plan, isPrefill: true));
            var defaults = Assert.Single(Linter.Lint(yaml.Replace(", --scheduler-recv-interval, \"10\", --disable-piecewise-cuda-graph", ""), "p.yaml").Deployments).Plan!;
            Assert.Equal(1, defaults.SchedulerRecvInterval);
            Assert.False(TimeEstimator.RunsWithoutGraph(defaults, isPrefill: true)); // 0.5.12, not MLA: piecewise prefill graphs
        }
        private static TimeEstimate AttentionDp(int clients, string extra) =>
            Lint.Text(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }\nhardware: { gpu: B200-180GB, gpusPerNode: 8 }\n" +
                      $"parallelism: {{ tensor: 8, expert: 8, attentionData: 8 }}\nserving: {{ engine: trtllm, maxModelLen: 2304, maxConcurrentSequences: {clients}{extra} }}\n" +
                      "slo: { inputTokens: 1024, outputTokens: 1024 }\n").Deployments[0].Time!;

        /// <summary>8 x H(8) = 21.74 arrivals put a prompt on every one of 8 ranks (the coupon collector).</summary>
        private const double CoverEightRanks = 8 * (1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0 + 1 / 5.0 + 1 / 6.0 + 1 / 7.0 + 1 / 8.0);

        /// <summary>
        /// PyExecutor._balance_adp_requests (attention_dp_config.enable_balance): context requests wait until every attention
        /// DP rank has one or the counter, which runs in every iteration where some rank has none, reaches timeout_iters.
        /// At 64 clients of 1,024 output tokens 1 / 16 prompts arrive per step, far from covering 8 ranks within 60 steps,
        /// so prompts go at the timeout: half of 60 steps on average. InferenceX's recipes set 60 and 0.
        /// </summary>
        [Fact]
        public void Tensorrt_llm_attention_dp_balance_holds_prompts_until_the_timeout_when_few_arrive()
        {
            var t = AttentionDp(64, ", attentionDpBalance: true, attentionDpTimeoutIterations: 60, attentionDpBatchingWaitIterations: 0");
            Assert.Equal(30 * t.Decode.Seconds, t.AdmissionWaitSeconds, 12);
            Assert.Equal(1, t.AdmittedTogether, 12);
        }

        /// <summary>At 512 clients half a prompt arrives per step: 43.5 steps cover the 8 ranks, then batching_wait_iters more.</summary>
        [Theory]
        [InlineData(", attentionDpBalance: true, attentionDpTimeoutIterations: 60, attentionDpBatchingWaitIterations: 0", 0)]
        [InlineData(", attentionDpBalance: true", 10)]
        public void Tensorrt_llm_attention_dp_balance_lets_prompts_go_once_every_rank_has_one(string extra, int batching)
        {
            var t = AttentionDp(512, extra);
            double cover = CoverEightRanks / 0.5;
            Assert.Equal((cover / 2 + batching) * t.Decode.Seconds, t.AdmissionWaitSeconds, 12);
            Assert.Equal(0.5 * (cover + batching) / 8, t.AdmittedTogether, 12);
        }

        /// <summary>
        /// Without enable_balance nothing waits, and batch_wait_timeout_iters does not apply under attention DP (PyExecutor._schedule
        /// checks it only without attention DP). With fewer clients than ranks, a rank has no generation requests and
        /// lets its prompt go at once.
        /// </summary>
        [Theory]
        [InlineData(64, "")]
        [InlineData(64, ", batchWaitIterations: 40, batchWaitTokenRatio: 0.8")]
        [InlineData(8, ", attentionDpBalance: true, attentionDpTimeoutIterations: 60")]
        public void Tensorrt_llm_attention_dp_waits_only_when_balancing_with_every_rank_busy(int clients, string extra)
        {
            var t = AttentionDp(clients, extra);
            Assert.Equal(0, t.AdmissionWaitSeconds);
            Assert.Equal(1, t.AdmittedTogether);
        }
    }
}
