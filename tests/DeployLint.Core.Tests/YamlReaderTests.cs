using System.Linq;
using System.Text;
using DeployLint.Yaml;
using Xunit;

namespace DeployLint.Core.Tests
{
    public class YamlReaderTests
    {
        [Fact]
        public void Values_keep_their_one_based_line_and_column()
        {
            var read = YamlTreeReader.Read("a: 1\nb:\n  c: hello\n");
            var root = (YMapping)read.Documents[0].Root!;
            var c = (YScalar)((YMapping)root.Get("b")!).Get("c")!;
            Assert.Equal(new SourceSpan(3, 6, 3, 11), c.Span);
        }

        [Fact]
        public void Aliases_share_the_node_and_count_toward_the_expansion_budget()
        {
            var sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
            string previous = "a";
            for (int i = 0; i < 6; i++)
            {
                string name = "l" + i;
                sb.Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*" + previous, 10))).Append("]\n");
                previous = name;
            }
            var read = YamlTreeReader.Read(sb.ToString());
            var problem = Assert.Single(read.Problems);
            Assert.Equal(YamlProblemKind.LimitExceeded, problem.Kind);
        }

        [Fact]
        public void Deep_nesting_stops_at_the_depth_limit()
        {
            var read = YamlTreeReader.Read(new string('[', 5000) + new string(']', 5000));
            Assert.Equal(YamlProblemKind.LimitExceeded, Assert.Single(read.Problems).Kind);
        }

        [Fact]
        public void Duplicate_keys_are_reported_at_the_second_key()
        {
            var read = YamlTreeReader.Read("a: 1\nb: 2\na: 3\n");
            var problem = Assert.Single(read.Problems);
            Assert.Equal(YamlProblemKind.DuplicateKey, problem.Kind);
            Assert.Equal((3, 1), (problem.Span.StartLine, problem.Span.StartColumn));
        }

        [Fact]
        public void Documents_before_a_syntax_error_are_kept()
        {
            var read = YamlTreeReader.Read("a: 1\n---\nb: [\n");
            Assert.Single(read.Documents);
            Assert.Equal(YamlProblemKind.Syntax, Assert.Single(read.Problems).Kind);
        }

        [Fact]
        public void Tab_indentation_is_a_syntax_error_not_an_exception()
        {
            var result = Lint.Text("apiVersion: deploylint/v1\nmodel:\n\tid: x\n");
            Assert.Contains(result.Diagnostics, d => d.Id == "DPL0001" && d.Line == 3);
        }
    }
}

namespace DeployLint.Core.Tests
{
    public class DiagnosticCapTests
    {
        [Fact]
        public void Ten_thousand_unknown_keys_give_twenty_diagnostics_and_one_summary()
        {
            string yaml = Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n" +
                string.Concat(System.Linq.Enumerable.Range(0, 10000).Select(i => "k" + i + ": " + i + "\n"));
            var unknown = Lint.Text(yaml).Diagnostics.Where(d => d.Id == "DPL0002").ToList();
            Assert.Equal(21, unknown.Count);
            Assert.StartsWith("and 9,980 more unknown keys in this mapping", unknown[20].Message);
            Assert.Equal((26, 1), (unknown[20].Line, unknown[20].Column));
        }
    }
}
