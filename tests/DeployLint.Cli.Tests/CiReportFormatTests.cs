using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>
    /// Reports for other CI systems. GitLab Code Quality reads a JSON array of Code Climate issues and requires description,
    /// check_name, fingerprint, severity (info, minor, major, critical, blocker) and location.path with lines.begin
    /// (docs.gitlab.com/ci/testing/code_quality, "Code Quality report format"). JUnit XML: testsuites / testsuite /
    /// testcase with failure elements, as Azure Pipelines' PublishTestResults and Jenkins read it.
    /// </summary>
    public class CiReportFormatTests
    {
        private const string Bad = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: tight\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n";
        private const string Good = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: fine\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n";

        [Fact]
        public void Codeclimate_issues_carry_the_fields_gitlab_requires()
        {
            using var repo = new TempRepo();
            repo.Write("deploy/bad.deploy.yaml", Bad);
            repo.Write("deploy/good.deploy.yaml", Good);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "deploy", "--format", "codeclimate");
            Assert.Equal(1, exit);
            var issues = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
            var issue = Assert.Single(issues, i => i.GetProperty("check_name").GetString() == "DPL1001");
            Assert.Equal("major", issue.GetProperty("severity").GetString());
            Assert.StartsWith("DPL1001: needs ", issue.GetProperty("description").GetString());
            Assert.Equal("deploy/bad.deploy.yaml", issue.GetProperty("location").GetProperty("path").GetString());
            Assert.Equal(5, issue.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
            Assert.Matches("^[0-9a-f]{32}[0-9]+$", issue.GetProperty("fingerprint").GetString());
            foreach (var i in issues)
            {
                Assert.Contains(i.GetProperty("severity").GetString(), new[] { "info", "minor", "major", "critical", "blocker" });
                Assert.False(string.IsNullOrEmpty(i.GetProperty("fingerprint").GetString()));
            }
            Assert.Equal(issues.Count, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
        }

        [Fact]
        public void Codeclimate_fingerprints_survive_unrelated_edits()
        {
            using var repo = new TempRepo();
            repo.Write("bad.deploy.yaml", Bad);
            string Fingerprint()
            {
                var (_, output, _) = CliRunner.RunIn(repo.Path, "check", "bad.deploy.yaml", "--format", "codeclimate");
                return JsonDocument.Parse(output).RootElement.EnumerateArray().Single(i => i.GetProperty("check_name").GetString() == "DPL1001").GetProperty("fingerprint").GetString()!;
            }
            string before = Fingerprint();
            repo.Write("bad.deploy.yaml", "# a comment added above\n\n" + Bad);
            Assert.Equal(before, Fingerprint());
        }

        [Fact]
        public void Junit_has_one_test_case_per_deployment_and_a_failure_per_erroneous_one()
        {
            using var repo = new TempRepo();
            repo.Write("deploy/bad.deploy.yaml", Bad);
            repo.Write("deploy/good.deploy.yaml", Good);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "deploy", "--format", "junit");
            Assert.Equal(1, exit);
            var root = XDocument.Parse(output).Root!;
            Assert.Equal("testsuites", root.Name.LocalName);
            Assert.Equal("2", root.Attribute("tests")!.Value);
            Assert.Equal("1", root.Attribute("failures")!.Value);
            var cases = root.Descendants("testcase").ToList();
            var bad = Assert.Single(cases, c => c.Attribute("name")!.Value == "tight");
            Assert.Equal("deploy/bad.deploy.yaml", bad.Attribute("classname")!.Value);
            var failure = bad.Element("failure")!;
            Assert.Equal("DPL1001", failure.Attribute("type")!.Value);
            Assert.Contains("deploy/bad.deploy.yaml:5:", failure.Value);
            Assert.Null(Assert.Single(cases, c => c.Attribute("name")!.Value == "fine").Element("failure"));
        }
    }
}
