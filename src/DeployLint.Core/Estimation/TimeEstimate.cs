using DeployLint.Catalog;

namespace DeployLint.Estimation
{
    public enum Bound
    {
        Compute,
        Memory,
        Link,
    }

    /// <summary>One phase (prefill of a prompt, or one decode step) summed over the pipeline stages.</summary>
    public sealed class PhaseTime
    {
        public double Seconds { get; set; }
        public double ComputeSeconds { get; set; }
        public double MemorySeconds { get; set; }
        public double CommSeconds { get; set; }

        /// <summary>FLOPs per GPU, summed over stages.</summary>
        public double Flops { get; set; }

        /// <summary>HBM bytes per GPU, summed over stages.</summary>
        public double Bytes { get; set; }

        public double CommShare => Seconds > 0 ? CommSeconds / Seconds : 0;

        public Bound Dominant =>
            CommSeconds >= ComputeSeconds && CommSeconds >= MemorySeconds ? Bound.Link :
            ComputeSeconds >= MemorySeconds ? Bound.Compute : Bound.Memory;

        public string DominantName => Dominant switch
        {
            Bound.Compute => "compute",
            Bound.Memory => "HBM bandwidth",
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

        public double TtftSeconds { get; set; }
        public double TpotSeconds => Decode.Seconds;
        /// <summary>
        /// Output tokens per second of one replica. With PP the engine keeps one micro-batch in flight per stage
        /// (vLLM virtual engines), so a replica decodes PP batches per TPOT.
        /// </summary>
        public double TokensPerSecondPerReplica => Decode.Seconds > 0 ? DecodeBatch * (double)PipelineStages / Decode.Seconds : 0;

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
