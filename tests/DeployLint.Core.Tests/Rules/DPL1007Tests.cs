using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    /// <summary>
    /// A public vLLM start-up on a 96 GB SM120 card (RTX PRO 6000 Blackwell): Qwen3.6-27B in bf16, "Model loading took
    /// 51.1 GiB", default max_num_seqs 1024: "ValueError: max_num_seqs (1024) exceeds available Mamba cache blocks (635)"
    /// (vllm/config/compilation.py resolve_cudagraph_mode_and_sizes; another attempt in the same write-up counted 652);
    /// --max-num-seqs 256 started. DeployLint at vLLM's default gpu_memory_utilization 0.92: 50.99 GiB of weights and 657
    /// blocks (+0.8% / +3.5%).
    /// </summary>
    public class DPL1007Tests
    {
        private const string Plan = Lint.Header +
            "model: { id: Qwen/Qwen3.6-27B }\n" +
            "hardware: { gpu: RTX-PRO-6000-BLACKWELL-SE-96GB }\n" +
            "serving: { engine: vllm{0} }\n";

        [Fact]
        public void Default_max_num_seqs_exceeds_the_state_blocks_of_qwen36_27b_on_a_96_gb_card()
        {
            var d = Lint.Single(Plan.Replace("{0}", ""), "DPL1007");
            Assert.Equal(Severity.Error, d.Severity);
            Lint.At(d, 6, 1);
            Assert.Contains("vLLM's default max_num_seqs for RTX-PRO-6000-BLACKWELL-SE-96GB is 1,024, but the pool holds 657 blocks of 16 layers", d.Message);
            Assert.Contains("'max_num_seqs (1024) exceeds available Mamba cache blocks (657)'", d.Message);
        }

        [Fact]
        public void The_declared_value_is_the_location_and_the_fix()
        {
            var d = Lint.Single(Plan.Replace("{0}", ", maxConcurrentSequences: 1000"), "DPL1007");
            Lint.At(d, 6, 50);
            Assert.Equal("659", d.Fix!.NewText); // 1,000 sampler rows instead of 1,024 leave two more blocks
        }

        [Theory]
        [InlineData(", maxConcurrentSequences: 256")]
        [InlineData(", enforceEager: true")]
        [InlineData(", engineVersion: \"0.19.0\"")]
        [InlineData(", speculativeMethod: mtp, speculativeTokens: 3")]
        public void Fewer_sequences_eager_older_releases_and_mtp_are_not_flagged(string extra) => Lint.None(Plan.Replace("{0}", extra), "DPL1007");

        [Fact]
        public void Models_without_recurrent_layers_are_not_flagged() => Lint.None(Plan.Replace("Qwen/Qwen3.6-27B", "Qwen/Qwen3-32B").Replace("{0}", ""), "DPL1007");
    }
}
