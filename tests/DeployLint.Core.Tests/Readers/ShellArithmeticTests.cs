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

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>Placeholders a templating step fills in ({{HF_TOKEN}}) are unknown values, not YAML errors.</summary>
    public class TemplatePlaceholderTests
    {
        private const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  template:\n    spec:\n      containers:\n" +
            "        - name: v\n          image: vllm/vllm-openai:v0.10.1\n          args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"8192\"]\n          resources: { limits: { nvidia.com/gpu: 1 } }\n";

        [Fact]
        public void A_placeholder_value_is_a_note_at_the_placeholder_and_the_deployment_is_still_checked()
        {
            var result = Linter.Lint(Deployment + "          env:\n            - name: HF_TOKEN\n              value: {{HF_TOKEN}}\n", "d.yaml");
            var note = Assert.Single(result.Diagnostics);
            Assert.Equal(("DPL0021", Severity.Info, 14, 22), (note.Id, note.Severity, note.Line, note.Column));
            Assert.Equal("{{HF_TOKEN}} is an unrendered template placeholder: its value is filled in when the file is rendered, so it is not known here", note.Message);
            Assert.NotNull(Assert.Single(result.Deployments).Plan);
        }

        [Fact]
        public void A_file_that_placeholders_break_as_yaml_is_skipped_as_a_template()
        {
            var result = Linter.Lint(Deployment.Replace("image: vllm/vllm-openai:v0.10.1", "image: {{IMAGE}}:{{TAG}}"), "d.yaml");
            var note = Assert.Single(result.Diagnostics);
            Assert.Equal(("DPL0020", 1, 1), (note.Id, note.Line, note.Column));
            Assert.False(result.HasErrors);
        }
    }
}
