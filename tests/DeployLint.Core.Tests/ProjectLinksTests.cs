using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>The project's address comes from one place, Directory.Build.props' RepositoryUrl, stamped into Core.</summary>
    public class ProjectLinksTests
    {
        [Fact]
        public void Links_follow_the_repository_url_of_the_build()
        {
            string props = File.ReadAllText(Repo.PathOf("Directory.Build.props"));
            string url = Regex.Match(props, "<RepositoryUrl>([^<]+)</RepositoryUrl>").Groups[1].Value;
            Assert.StartsWith("https://", url);
            Assert.Equal(url, ProjectLinks.Repository);
            Assert.Equal(url + "/blob/main/rules/DPL1001.md", DeployLint.Rules.RuleRegistry.Find("DPL1001")!.HelpUri);
        }

        [Fact]
        public void The_schema_link_is_raw_json_not_a_rendered_page()
        {
            Assert.Equal("https://raw.githubusercontent.com/deploylint/deploylint/main/rules/deploylint.schema.json", ProjectLinks.Schema);
            Assert.DoesNotContain("/blob/", ProjectLinks.Schema);
        }
    }
}
