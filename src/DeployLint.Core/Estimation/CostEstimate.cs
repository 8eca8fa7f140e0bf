using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// What a deployment costs at its declared load: GPUs x price per GPU-hour, and that hour spread over the tokens it
    /// produces. Requests complete at the decode rate (output tokens/s over all replicas / outputTokens per request); each
    /// per-million figure charges the whole GPU time to that kind of token, as price sheets quote them.
    /// </summary>
    public sealed class CostEstimate
    {
        private CostEstimate(double perHour, double? perMillionOutput, double? perMillionInput)
        {
            PerHour = perHour;
            PerMillionOutputTokens = perMillionOutput;
            PerMillionInputTokens = perMillionInput;
        }

        public double PerHour { get; }
        public double? PerMillionOutputTokens { get; }
        public double? PerMillionInputTokens { get; }

        /// <summary>The cost, or null without a price or a hardware plan.</summary>
        public static CostEstimate? Of(DeploymentPlan plan, TimeEstimate? time)
        {
            if (plan.PricePerGpuHour is not double price || !plan.HardwareKnown) return null;
            double perHour = price * plan.TotalGpus;
            double outputPerSecond = time != null ? time.TokensPerSecondPerGpu * plan.TotalGpus : 0;
            double? perMillionOutput = outputPerSecond > 0 ? perHour / (outputPerSecond * 3600) * 1e6 : (double?)null;
            double? perMillionInput = null;
            if (outputPerSecond > 0 && time!.OutputTokens > 0 && time.InputTokens > 0)
            {
                double inputPerSecond = outputPerSecond / time.OutputTokens * time.InputTokens;
                perMillionInput = perHour / (inputPerSecond * 3600) * 1e6;
            }
            return new CostEstimate(perHour, perMillionOutput, perMillionInput);
        }
    }
}
