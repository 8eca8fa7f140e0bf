using System;

namespace DeployLint.Estimation
{
    /// <summary>
    /// Which share of a rank's routed experts one decode step reads. A token picks k of E experts; over T tokens an expert
    /// is touched with probability p = 1 - (1 - k/E)^T. Split tensor-parallel, every rank holds a slice of every expert and
    /// reads the same share p. Split expert-parallel, each of R ranks holds E/R whole experts and reads the ones its tokens
    /// touched, and the MoE layer ends in a collective, so the step waits for the busiest rank: the expected maximum of R
    /// draws of Binomial(E/R, p), which at decode batch sizes is well above the mean. DeepSeek-R1 (top-8 of 256) on EP 8:
    /// one token touches 1 expert per rank on average, the busiest rank 2.5; eight tokens 7.2 of a rank's 32, the busiest 10.6.
    /// Routing is taken as uniform; DeepSeek's group-limited routing (4 of 8 groups per token) concentrates it further.
    /// </summary>
    public static class ExpertLoad
    {
        /// <summary>The share of its experts the busiest of <paramref name="ranks"/> expert-parallel ranks reads.</summary>
        public static double BusiestRankShare(long experts, double perToken, double tokens, int ranks)
        {
            if (experts <= 0 || tokens <= 0) return 0;
            double p = 1 - Math.Pow(1 - Math.Min(1, perToken / experts), tokens);
            if (ranks <= 1 || experts % ranks != 0 || p >= 1) return p;
            int n = (int)Math.Min(experts / ranks, 1024);
            // E[max] = sum over x = 1..n of P(max >= x) = 1 - F(x - 1)^R, F the Binomial(n, p) CDF; the terms vanish once F^R is 1.
            double expectedMax = 0, cdf = 0, term = Math.Pow(1 - p, n);
            for (int x = 0; x < n; x++)
            {
                cdf = Math.Min(1, cdf + term);
                double allBelow = Power(cdf, ranks);
                if (allBelow > 1 - 1e-12) break;
                expectedMax += 1 - allBelow;
                term *= (double)(n - x) / (x + 1) * p / (1 - p);
            }
            return expectedMax / n;
        }

        private static double Power(double value, int exponent)
        {
            double result = 1;
            for (; exponent > 0; exponent >>= 1, value *= value)
            {
                if ((exponent & 1) != 0) result *= value;
            }
            return result;
        }
    }
}
