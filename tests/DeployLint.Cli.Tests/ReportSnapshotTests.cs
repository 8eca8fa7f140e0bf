using System.IO;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>GitHub annotations and the Markdown summary of the samples match reviewed snapshots (Snapshots/*.txt).</summary>
    public class ReportSnapshotTests
    {
        [Theory]
        [InlineData("github", "check-github.txt")]
        [InlineData("markdown", "check-markdown.md")]
        public void Output_for_the_samples_matches_the_snapshot(string format, string snapshot)
        {
            var (_, output, _) = CliRunner.RunIn(Repo.Root, "check", "samples/manifests", "--format", format);
            string path = Repo.PathOf("tests/DeployLint.Cli.Tests/Snapshots/" + snapshot);
            string expected = File.Exists(path) ? File.ReadAllText(path) : "";
            if (expected != output) File.WriteAllText(path + ".received", output);
            Assert.Equal(expected, output);
        }

        [Fact]
        public void Hostile_names_cannot_inject_workflow_commands_markdown_or_escapes()
        {
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: \"x::error::pwned | <img src=x> \\e]0;title\\a\"\nmodel: { id: \"evil::warning file=a::b%0A\" }\nhardware: { gpu: H100-SXM-80GB }\n");
            var (_, github, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml", "--format", "github");
            // GitHub parses a workflow command only at the start of a line: every line must be one annotation whose
            // properties are escaped, with no raw control characters anywhere.
            foreach (var line in github.Split('\n', System.StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.Matches("^::(error|warning|notice) file=[^:,]*,line=\\d+,col=\\d+,endLine=\\d+,endColumn=\\d+,title=[^:]*::", line);
            }
            Assert.DoesNotContain('\u001b', github);
            Assert.DoesNotContain('\u0007', github);
            Assert.Contains("%250A", github);
            var (_, markdown, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml", "--format", "markdown");
            Assert.DoesNotMatch(@"(?<!\\)<img", markdown);
            Assert.Contains("\\|", markdown);
            var (_, text, _) = CliRunner.RunIn(repo.Path, "estimate", "p.deploy.yaml");
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u0007', text);
        }
    }
}
