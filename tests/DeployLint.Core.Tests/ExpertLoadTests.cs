using DeployLint.Estimation;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>Expected values computed independently (Python, exact binomial sums) for DeepSeek-R1's 256 experts, top 8.</summary>
    public class ExpertLoadTests
    {
        [Theory]
        [InlineData(1, 8, 0.079515231199)]   // one token: the busiest of 8 ranks holds 2.54 of its 32 experts' worth, the mean is 1
        [InlineData(4, 8, 0.205108907554)]
        [InlineData(8, 8, 0.332380035057)]
        [InlineData(16, 4, 0.461431582509)]
        [InlineData(64, 8, 0.946730092526)]
        public void The_busiest_expert_parallel_rank_reads_the_expected_maximum(int tokens, int ranks, double share)
        {
            Assert.Equal(share, ExpertLoad.BusiestRankShare(256, 8, tokens, ranks), 9);
        }

        [Theory]
        [InlineData(1, 0.03125)]            // 1 - (1 - 8/256)^1
        [InlineData(8, 0.224300120258)]     // 1 - (1 - 8/256)^8
        public void Tensor_parallel_experts_are_read_evenly(int tokens, double share)
        {
            Assert.Equal(share, ExpertLoad.BusiestRankShare(256, 8, tokens, 1), 9);
        }
    }
}
