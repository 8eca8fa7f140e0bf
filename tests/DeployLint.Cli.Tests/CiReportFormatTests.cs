using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Json.Schema;
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

        private static readonly JsonSchema CodeQualitySchema =
            JsonSchema.FromText(File.ReadAllText(Repo.PathOf("tests/DeployLint.Cli.Tests/Schemas/gitlab-code-quality-report.json")));

        /// <summary>A file with a control character, markup and a non-ASCII name: the reports must stay valid documents.</summary>
        private const string Hostile = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: \"<x>&\\u0001\u00e9\"\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nbogus]]>: 1\n";

        private static List<string> SchemaErrors(string junit)
        {
            var schemas = new XmlSchemaSet();
            using (var reader = XmlReader.Create(Repo.PathOf("tests/DeployLint.Cli.Tests/Schemas/junit-10.xsd"))) schemas.Add(null, reader);
            var errors = new List<string>();
            XDocument.Parse(junit).Validate(schemas, (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}"));
            return errors;
        }

        [Fact]
        public void Junit_of_every_sample_and_a_hostile_file_validates_against_the_jenkins_junit_schema()
        {
            var (_, samples, _) = CliRunner.RunIn(Repo.Root, "check", "samples", "--format", "junit");
            Assert.Empty(SchemaErrors(samples));
            Assert.True(XDocument.Parse(samples).Root!.Descendants("testcase").Count() >= 20);

            using var repo = new TempRepo();
            repo.Write("d\u00e9ploy/h\u00f4stile.deploy.yaml", Hostile);
            repo.Write("deploy/broken.deploy.yaml", "name: [unclosed\n");
            var (exit, hostile, _) = CliRunner.RunIn(repo.Path, "check", ".", "--format", "junit");
            Assert.Equal(1, exit);
            Assert.Empty(SchemaErrors(hostile));
            Assert.Equal("3", XDocument.Parse(hostile).Root!.Attribute("failures")!.Value); // the deployment, the file-level DPL0004 (U+0001), the broken file
        }

        [Fact]
        public void Codeclimate_of_every_sample_and_a_hostile_file_validates_against_the_documented_format()
        {
            var (_, samples, _) = CliRunner.RunIn(Repo.Root, "check", "samples", "--format", "codeclimate");
            var result = CodeQualitySchema.Evaluate(JsonNode.Parse(samples), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.Errors != null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value)).Take(10)));
            Assert.True(JsonNode.Parse(samples)!.AsArray().Count >= 20);

            using var repo = new TempRepo();
            repo.Write("d\u00e9ploy/h\u00f4stile.deploy.yaml", Hostile);
            repo.Write("deploy/broken.deploy.yaml", "name: [unclosed\n");
            var (_, hostile, _) = CliRunner.RunIn(repo.Path, "check", ".", "--format", "codeclimate");
            Assert.True(CodeQualitySchema.Evaluate(JsonNode.Parse(hostile)).IsValid, hostile);
            Assert.Contains(JsonNode.Parse(hostile)!.AsArray(), i => i!["location"]!["path"]!.GetValue<string>() == "d\u00e9ploy/h\u00f4stile.deploy.yaml");
        }

        [Fact]
        public void The_schemas_reject_what_gitlab_and_jenkins_reject()
        {
            Assert.False(CodeQualitySchema.Evaluate(JsonNode.Parse("[{\"description\":\"x\",\"check_name\":\"DPL1001\",\"fingerprint\":\"f\",\"severity\":\"error\",\"location\":{\"path\":\"a.yaml\",\"lines\":{\"begin\":1}}}]")).IsValid);
            Assert.False(CodeQualitySchema.Evaluate(JsonNode.Parse("[{\"description\":\"x\",\"check_name\":\"DPL1001\",\"fingerprint\":\"f\",\"severity\":\"major\",\"location\":{\"path\":\"/abs/a.yaml\",\"lines\":{\"begin\":1}}}]")).IsValid);
            Assert.NotEmpty(SchemaErrors("<testsuites><testsuite name=\"a\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase name=\"x\" file=\"a.yaml\"/></testsuite></testsuites>"));
        }

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
