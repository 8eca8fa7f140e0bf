using System.Collections.Generic;
using System.Linq;
using DeployLint.Manifests.Readers;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>$((...)) as sh computes it, and a LeaderWorkerSet whose data-parallel size is one.</summary>
    public class ShellArithmeticTests
    {
        private static readonly Dictionary<string, string> Env = new Dictionary<string, string>
        {
            ["LWS_GROUP_SIZE"] = "2", ["DP_SIZE_LOCAL"] = "8", ["TP"] = "4", ["EMPTY"] = "", ["WORD"] = "auto",
        };

        [Theory]
        [InlineData("LWS_GROUP_SIZE * DP_SIZE_LOCAL", 16)]
        [InlineData("$LWS_GROUP_SIZE*${DP_SIZE_LOCAL}", 16)]
        [InlineData(" 2 + 3 * 4 ", 14)]
        [InlineData("(2 + 3) * 4", 20)]
        [InlineData("17 / 5", 3)]
        [InlineData("-17 % 5", -2)]
        [InlineData("1 << 4 | 1", 17)]
        [InlineData("TP > 2 ? TP : 2", 4)]
        [InlineData("TP == 4 && DP_SIZE_LOCAL != 0", 1)]
        [InlineData("0x10 + 010", 24)]
        [InlineData("-(-TP)", 4)]
        [InlineData("!0 + ~0", 0)]
        public void Computes_what_sh_computes(string expression, long expected)
        {
            Assert.Equal(expected, ShellArithmetic.Evaluate(expression, Env, out var undefined));
            Assert.Null(undefined);
        }

        [Theory]
        [InlineData("NODES * 8", "NODES")]
        [InlineData("EMPTY + 1", "EMPTY")]
        public void A_variable_the_file_does_not_define_leaves_the_value_unknown_not_zero(string expression, string name)
        {
            Assert.Null(ShellArithmetic.Evaluate(expression, Env, out var undefined));
            Assert.Equal(name, undefined);
        }

        [Theory]
        [InlineData("1 / 0")]
        [InlineData("WORD * 2")]
        [InlineData("2 +")]
        [InlineData("(1")]
        [InlineData("9223372036854775807 + 1")]
        [InlineData("08")]
        public void An_expression_sh_would_reject_is_unknown(string expression)
        {
            Assert.Null(ShellArithmetic.Evaluate(expression, Env, out var undefined));
            Assert.Equal("", undefined);
        }

        [Fact]
        public void Deep_nesting_is_refused_without_a_stack_overflow()
        {
            Assert.Null(ShellArithmetic.Evaluate(new string('(', 500) + "1" + new string(')', 500), Env, out _));
            Assert.Null(ShellArithmetic.Evaluate(string.Concat(Enumerable.Repeat("-", 500)) + "1", Env, out _));
        }

        [Fact]
        public void Arithmetic_and_command_substitution_stay_one_shell_word()
        {
            var words = ShellWords.Split("vllm serve m --data-parallel-size $((LWS_GROUP_SIZE * DP_SIZE_LOCAL)) --host $(hostname -i) --x ${A:-b c}");
            Assert.Equal(new[] { "vllm", "serve", "m", "--data-parallel-size", "$((LWS_GROUP_SIZE * DP_SIZE_LOCAL))", "--host", "$(hostname -i)", "--x", "${A:-b c}" }, words.Select(w => w.Text));
        }

        [Fact]
        public void A_wide_ep_leaderworkerset_gets_its_data_parallel_size_from_shell_arithmetic()
        {
            // The shape of the vLLM wide-EP LeaderWorkerSet guides: DP = LWS_GROUP_SIZE x DP_SIZE_LOCAL, EP over all of them.
            var result = Lint.RepoFile("tests/DeployLint.Core.Tests/Readers/lws-wide-ep-arithmetic.yaml");
            var deployment = Assert.Single(result.Deployments);
            Assert.Equal((1, 16, 16), (deployment.Plan!.Tensor, deployment.Plan.Data, deployment.Plan.Expert));
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DPL0004" || d.Id == "DPL3001" || d.Id == "DPL1001");
            Assert.False(result.HasErrors);
        }
    }
}
