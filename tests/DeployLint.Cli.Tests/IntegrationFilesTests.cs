using System.IO;
using System.Linq;
using DeployLint.Testing;
using DeployLint.Yaml;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>
    /// The CI samples under integrations/ say what the CLI really does: the report each one publishes is the one the
    /// command writes, under the name the CI system reads, and the pre-commit sample names the hook this repository defines.
    /// </summary>
    public class IntegrationFilesTests
    {
        /// <summary>A YAML file of this repository, which must read without a problem.</summary>
        internal static YNode Read(string path)
        {
            var read = YamlTreeReader.Read(File.ReadAllText(Repo.PathOf(path)));
            Assert.Empty(read.Problems);
            return Assert.Single(read.Documents).Root!;
        }

        private static string Text(YNode? node) => Assert.IsType<YScalar>(node).Value;

        [Fact]
        public void Gitlab_publishes_the_codeclimate_report_as_its_code_quality_artifact()
        {
            var job = Assert.IsType<YMapping>(((YMapping)Read("integrations/gitlab/.gitlab-ci.yml")).Get("deploylint"));
            var script = Assert.IsType<YSequence>(job.Get("script")).Items.Select(Text).ToList();
            Assert.Contains("deploylint check deploy/ --format codeclimate > gl-code-quality-report.json || true", script);
            Assert.Equal("deploylint check deploy/", script.Last());
            var reports = Assert.IsType<YMapping>(((YMapping)job.Get("artifacts")!).Get("reports"));
            Assert.Equal("gl-code-quality-report.json", Text(reports.Get("codequality")));
        }

        [Fact]
        public void Azure_publishes_the_junit_report_it_writes()
        {
            var steps = Assert.IsType<YSequence>(((YMapping)Read("integrations/azure/azure-pipelines.yml")).Get("steps")).Items.Cast<YMapping>().ToList();
            Assert.Contains("deploylint check deploy/ --format junit > deploylint.xml", Text(steps.Single(s => s.Get("script") != null).Get("script")));
            var publish = steps.Single(s => (s.Get("task") as YScalar)?.Value == "PublishTestResults@2");
            Assert.Equal("always()", Text(publish.Get("condition")));
            var inputs = Assert.IsType<YMapping>(publish.Get("inputs"));
            Assert.Equal(("JUnit", "deploylint.xml"), (Text(inputs.Get("testResultsFormat")), Text(inputs.Get("testResultsFiles"))));
        }

        [Fact]
        public void The_pre_commit_sample_names_the_hook_this_repository_defines()
        {
            var hook = Assert.IsType<YMapping>(Assert.IsType<YSequence>(Read(".pre-commit-hooks.yaml")).Items.Single());
            var repo = Assert.IsType<YMapping>(Assert.IsType<YSequence>(((YMapping)Read("integrations/pre-commit/.pre-commit-config.yaml")).Get("repos")).Items.Single());
            var used = Assert.IsType<YMapping>(Assert.IsType<YSequence>(repo.Get("hooks")).Items.Single());
            Assert.Equal(Text(hook.Get("id")), Text(used.Get("id")));
            Assert.Equal("deploylint check", Text(hook.Get("entry")));
            Assert.Equal("dotnet", Text(hook.Get("language")));
        }
    }
}
