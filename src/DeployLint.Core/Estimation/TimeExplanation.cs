using System.Collections.Generic;
using DeployLint.Plans;
using DeployLint.Text;

namespace DeployLint.Estimation
{
    /// <summary>The terms of one decode step and of TTFT under the declared load, each with where it comes from.</summary>
    public static class TimeExplanation
    {
        public static IReadOnlyList<string> For(DeploymentPlan plan, TimeEstimate t, Catalog.EfficiencyProfile efficiency)
        {
            var d = t.Decode;
            var p = t.Prefill;
            var lines = new List<string>
            {
                $"time per output token at {t.DecodeBatch} concurrent request(s) of {Units.Count(t.InputTokens)} input / {Units.Count(t.OutputTokens)} output tokens: {Units.Milliseconds(t.TpotSeconds)}",
                $"  decode step {Units.Milliseconds(d.Seconds)}, bound by {d.DominantName}:",
                $"      HBM {Units.Milliseconds(d.MemorySeconds)} ({Units.Number(d.Bytes / 1e9, "0.0")} GB per GPU: weights the batch touches and its KV, at {Units.Number(TimeEstimator.AchievableBandwidthGBps(plan, efficiency), "0")} GB/s achievable)",
                $"      compute {Units.Milliseconds(d.ComputeSeconds)} ({Units.Number(d.Flops / 1e12, "0.00")} TFLOP per GPU); max of the two counts",
                $"      collectives {Units.Milliseconds(d.CommSeconds)} (TP all-reduce {Units.Milliseconds(t.DecodeTensorParallelSeconds)}, EP all-to-all {Units.Milliseconds(t.DecodeExpertParallelSeconds)}, PP send {Units.Milliseconds(t.DecodePipelineSeconds)})",
                $"      kernels {Units.Milliseconds(d.KernelFloorSeconds)} ({d.Kernels:N0} kernels x {Units.Number(TimeEstimator.KernelFloorMicroseconds(plan, efficiency))} us floor per kernel in a CUDA graph)",
            };
            if (d.ActivationBytes > 0) lines.Insert(4, MoeActivations(d));
            if (t.PrefillsPerDecodeStep > 0)
            {
                string how = plan.Engine == ServingEngine.Sglang
                    ? "SGLang runs them as prefill batches between decode steps"
                    : $"{plan.EngineName} mixes their chunks (max_num_batched_tokens {Units.Count(plan.MaxBatchedTokens)}) into decode steps";
                lines.Add($"  other requests' prefills {Units.Milliseconds(t.PrefillInterferenceSeconds)} per step: {Units.Number(t.PrefillsPerDecodeStep, "0.000")} prompts arrive per step ({t.DecodeBatch} clients x 1 prompt per {Units.Count(t.OutputTokens)} steps); {how}");
            }
            lines.Add($"TTFT {Units.Milliseconds(t.TtftSeconds)}:");
            lines.Add($"  prefill of {Units.Count(t.InputTokens)} tokens {Units.Milliseconds(p.Seconds)}, bound by {p.DominantName} (HBM {Units.Milliseconds(p.MemorySeconds)}, compute {Units.Milliseconds(p.ComputeSeconds)}, collectives {Units.Milliseconds(p.CommSeconds)}, kernels {Units.Milliseconds(p.KernelFloorSeconds)}), then the first decode step");
            if (p.ActivationBytes > 0) lines.Add(MoeActivations(p));
            if (p.HostLaunchSeconds > 0)
            {
                lines.Add($"      {plan.EngineName} runs this prefill without a CUDA graph: the host dispatches its {p.Kernels:N0} kernels one by one, {Units.Milliseconds(p.HostLaunchSeconds)} at {Units.Number(efficiency.EagerKernelHostMicroseconds)} us each" +
                          $" (GPU work {Units.Milliseconds(p.GpuSeconds)}; the phase takes the larger)");
            }
            if (t.StepResidualSeconds > 0 || t.PrefillQueueSeconds > 0)
            {
                lines.Add($"  + {Units.Milliseconds(t.StepResidualSeconds)} for the step running when the request arrives (half a step), + {Units.Milliseconds(t.PrefillQueueSeconds)} waiting behind other prefills (M/D/1, {t.DecodeBatch} closed-loop clients)");
            }
            if (t.AdmissionWaitSeconds > 0)
            {
                string why = plan.Engine == ServingEngine.Sglang
                    ? $"--scheduler-recv-interval {plan.SchedulerRecvInterval}: new requests are polled every {plan.SchedulerRecvInterval} decode steps"
                    : plan.AttentionData > 1
                        ? $"attention_dp_config enable_balance, timeout_iters {plan.AttentionDpTimeoutIterations}, batching_wait_iters {plan.AttentionDpBatchingWaitIterations}: prompts are held until each of the {plan.AttentionData} attention DP ranks has one"
                        : $"batch_wait_timeout_iters {plan.BatchWaitIterations}, batch_wait_max_tokens_ratio {Units.Number(plan.BatchWaitTokenRatio, "0.###")}: a prompt is held to batch it with later ones";
                lines.Add($"  + {Units.Milliseconds(t.AdmissionWaitSeconds)} before the engine admits it ({why}), + {Units.Milliseconds(t.BatchedPrefillSeconds)} prefilling {Units.Number(t.AdmittedTogether, "0.#")} prompts together");
            }
            return lines;
        }

        private static string MoeActivations(PhaseTime phase) =>
            $"      + MoE activations {Units.Milliseconds(phase.ActivationSeconds)} ({Units.Number(phase.ActivationBytes / 1e9, "0.00")} GB per GPU: each routed token's gate/up, activation and down-projection outputs, written and read back between the expert kernels)";
    }
}
