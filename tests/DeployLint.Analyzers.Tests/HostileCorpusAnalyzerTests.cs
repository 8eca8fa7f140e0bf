using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployLint.Testing;
using Xunit;

namespace DeployLint.Analyzers.Tests
{
    public class HostileCorpusAnalyzerTests
    {
        public static IEnumerable<object[]> Cases => HostileCorpus.Cases().Select(c => new object[] { c.Name });

        [Theory]
        [MemberData(nameof(Cases))]
        public void The_analyzer_reports_each_hostile_file_and_never_throws(string name)
        {
            // AdditionalFiles reach the analyzer as decoded text; invalid bytes arrive as replacement characters.
            string text = Encoding.UTF8.GetString(HostileCorpus.Cases().Single(c => c.Name == name).Bytes);
            var diagnostics = DirectRun.Analyze(("/repo/" + name + ".deploy.yaml", text));
            Assert.NotEmpty(diagnostics);
            Assert.DoesNotContain(diagnostics, d => d.Id == "DPL0017" || d.Id == "AD0001");
        }
    }
}
