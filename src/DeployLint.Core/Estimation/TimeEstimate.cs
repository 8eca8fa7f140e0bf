using System;
using DeployLint.Catalog;

namespace DeployLint.Estimation
{
    public enum Bound
    {
        Compute,
        Memory,
        Link,
        /// <summary>The per-kernel floor: the step launches more kernels than its reads and FLOPs take time.</summary>
        Kernels,
        /// <summary>The host's dispatch of kernels one by one: a phase that runs without a CUDA graph (eager prefill).</summary>
        Host,
    }

    /// <summary>One phase (prefill of a prompt, or one decode step) summed over the pipeline stages.</summary>
    public sealed class PhaseTime
    {
        public double Seconds { get; set; }
        public double ComputeSeconds { get; set; }
        public double MemorySeconds { get; set; }
        public double CommSeconds { get; set; }

        /// <summary>Kernels launched (summed over stages) and their floor time, <see cref="StepOverhead"/>.</summary>
        public int Kernels { get; set; }
        public double KernelFloorSeconds { get; set; }

        /// <summary>Host time to dispatch those kernels one by one when the phase runs without a CUDA graph; 0 in a graph.</summary>
        public double HostLaunchSeconds { get; set; }

        /// <summary>
        /// HBM traffic of the activations a MoE layer materializes between its kernels (<see cref="TimeEstimator"/>): memory-bound
        /// kernels of their own, so their time adds to the roofline of the GEMMs instead of overlapping it.
        /// </summary>
        public double ActivationSeconds { get; set; }
        public double ActivationBytes { get; set; }

        /// <summary>The GPU's own time: roofline, activation traffic, collectives and kernel floor (the host dispatches ahead of it, so the phase takes the larger).</summary>
        public double GpuSeconds => Math.Max(ComputeSeconds, MemorySeconds) + ActivationSeconds + CommSeconds + KernelFloorSeconds;

        /// <summary>FLOPs per GPU, summed over stages.</summary>
        public double Flops { get; set; }

        /// <summary>HBM bytes per GPU, summed over stages.</summary>
        public double Bytes { get; set; }

        public double CommShare => Seconds > 0 ? CommSeconds / Seconds : 0;

        public Bound Dominant =>
            HostLaunchSeconds > GpuSeconds ? Bound.Host :
            KernelFloorSeconds > ComputeSeconds && KernelFloorSeconds > MemorySeconds && KernelFloorSeconds > CommSeconds ? Bound.Kernels :
            CommSeconds >= ComputeSeconds && CommSeconds >= MemorySeconds ? Bound.Link :
            ComputeSeconds >= MemorySeconds ? Bound.Compute : Bound.Memory;

        public string DominantName => Dominant switch
        {
            Bound.Compute => "compute",
            Bound.Memory => "HBM bandwidth",
            Bound.Kernels => "kernel launches",
            Bound.Host => "host dispatch (no CUDA graph)",
            _ => "interconnect",
        };
    }

    /// <summary>Roofline time of a plan: TTFT, TPOT and throughput, and the links its groups use.</summary>
    public sealed class TimeEstimate
    {
        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public int DecodeBatch { get; set; }

        /// <summary>Average context a decode step attends over: input + half the output.</summary>
        public long DecodeContext { get; set; }

        public PhaseTime Prefill { get; set; } = new PhaseTime();
        public PhaseTime Decode { get; set; } = new PhaseTime();

        /// <summary>TTFT under the declared load: the lone prefill, the rest of the step running when the request arrives, and the wait behind other requests' prefills.</summary>
        public double TtftSeconds { get; set; }

        /// <summary>TTFT of a request alone: its prefill and the first decode step.</summary>
        public double LoneTtftSeconds { get; set; }

        /// <summary>Expected wait behind other requests' prefills (closed loop of DecodeBatch clients, M/D/1).</summary>
        public double PrefillQueueSeconds { get; set; }

        /// <summary>Expected rest of the decode step running when a request arrives (half a step when others decode).</summary>
        public double StepResidualSeconds { get; set; }

        /// <summary>
        /// Expected wait before the engine admits an arrived request, beyond the running step: SGLang's
        /// --scheduler-recv-interval (new requests are polled every N decode steps) and TensorRT-LLM's batch waiting
        /// (batch_wait_timeout_iters / batch_wait_max_tokens_ratio hold a context request to batch it with later ones).
        /// </summary>
        public double AdmissionWaitSeconds { get; set; }

        /// <summary>Requests whose prompts the engine prefills together after such a wait (1 without one).</summary>
        public double AdmittedTogether { get; set; } = 1;

        /// <summary>What prefilling <see cref="AdmittedTogether"/> prompts in one forward adds to a lone prefill.</summary>
        public double BatchedPrefillSeconds { get; set; }

        /// <summary>Other requests' prefills per decode step at steady state: concurrency x input / output tokens per step, in requests.</summary>
        public double PrefillsPerDecodeStep { get; set; }

        /// <summary>Time each decode step spends, on average, on other requests' prefills (mixed into the step or run between steps).</summary>
        public double PrefillInterferenceSeconds { get; set; }

        /// <summary>Time per output token under load: one decode step plus the prefill interference.</summary>
        public double TpotSeconds => Decode.Seconds + PrefillInterferenceSeconds;
        /// <summary>
        /// Output tokens per second of one replica. With PP the engine keeps one micro-batch in flight per stage
        /// (vLLM virtual engines), so a replica decodes PP batches per TPOT.
        /// </summary>
        public double TokensPerSecondPerReplica => TpotSeconds > 0 ? DecodeBatch * (double)PipelineStages / TpotSeconds : 0;

        public int PipelineStages { get; set; } = 1;
        public double TokensPerSecondPerGpu { get; set; }

        public LinkSpec? TensorParallelLink { get; set; }
        public LinkSpec? PipelineLink { get; set; }
        public LinkSpec? ExpertParallelLink { get; set; }

        /// <summary>Seconds of one decode step spent in TP all-reduces, EP all-to-alls and PP sends.</summary>
        public double DecodeTensorParallelSeconds { get; set; }
        public double DecodeExpertParallelSeconds { get; set; }
        public double DecodePipelineSeconds { get; set; }
    }
}
