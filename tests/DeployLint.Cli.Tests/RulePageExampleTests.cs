using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>Every rules/DPLnnnn.md example, run through the CLI, prints exactly the output the page shows.</summary>
    public class RulePageExampleTests
    {
        public static IEnumerable<object[]> Pages =>
            Directory.GetFiles(Repo.PathOf("rules"), "DPL*.md").OrderBy(p => p).Select(p => new object[] { Path.GetFileNameWithoutExtension(p) });

        [Theory]
        [MemberData(nameof(Pages))]
        public void Page_example_output_is_current(string id)
        {
            string page = File.ReadAllText(Repo.PathOf($"rules/{id}.md"));
            var yaml = Regex.Match(page, "## Example\n\n```yaml\n(.*?)```", RegexOptions.Singleline);
            if (!yaml.Success) return;
            var expected = Regex.Match(page, "```text\n(.*?)```", RegexOptions.Singleline).Groups[1].Value.Trim();
            using var repo = new TempRepo();
            repo.Write("example.deploy.yaml", yaml.Groups[1].Value);
            foreach (var config in Directory.GetFiles(Repo.PathOf("samples/manifests/bad/models"), "*.json", SearchOption.AllDirectories))
            {
                repo.Write(Path.GetRelativePath(Repo.PathOf("samples/manifests/bad"), config), File.ReadAllText(config));
            }
            var (_, output, _) = CliRunner.RunIn(repo.Path, "check", "example.deploy.yaml");
            string actual = string.Join("\n", output.Split('\n').Where(l => l.StartsWith("example.deploy.yaml(")).Select(l => l.TrimEnd('\r'))).Trim();
            Assert.Equal(expected, actual);
            Assert.Contains($" {id}: ", actual);
        }
    }
}
