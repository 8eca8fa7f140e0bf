using System.IO;
using System.Linq;
using DeployLint.Testing;
using DeployLint.Yaml;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>
    /// The composite action in action.yml and the sample workflow that uses it: the inputs the issue names, the reports it
    /// produces, and no input expanded into a shell script (an input is hostile text in a pull request's workflow).
    /// </summary>
    public class GitHubActionTests
    {
        private static YMapping Read(string path) => Assert.IsType<YMapping>(IntegrationFilesTests.Read(path));

        [Fact]
        public void The_action_takes_the_documented_inputs_and_runs_as_a_composite()
        {
            var action = Read("action.yml");
            var inputs = Assert.IsType<YMapping>(action.Get("inputs"));
            Assert.Equal(new[] { "paths", "version", "fail-on", "catalog", "config", "upload-sarif" }, inputs.Entries.Select(e => e.Key.Value).ToArray());
            var runs = Assert.IsType<YMapping>(action.Get("runs"));
            Assert.Equal("composite", ((YScalar)runs.Get("using")!).Value);
            var steps = Assert.IsType<YSequence>(runs.Get("steps")).Items.Cast<YMapping>().ToList();
            string scripts = string.Join("\n", steps.Select(s => (s.Get("run") as YScalar)?.Value ?? ""));
            Assert.Contains("--format sarif", scripts);
            Assert.Contains("--format markdown", scripts);
            Assert.Contains("--format github --fail-on \"$DEPLOYLINT_FAIL_ON\"", scripts);
            Assert.Contains("dotnet tool install --global DeployLint.Cli", scripts);
            Assert.DoesNotContain("${{", scripts); // inputs reach scripts through env, never spliced into the script
            Assert.Contains(steps, s => (s.Get("uses") as YScalar)?.Value == "github/codeql-action/upload-sarif@v3");
        }

        [Fact]
        public void The_sample_workflow_uses_the_action_with_the_permissions_code_scanning_needs()
        {
            var workflow = Read("integrations/github/deploylint.yml");
            var permissions = Assert.IsType<YMapping>(workflow.Get("permissions"));
            Assert.Equal("write", ((YScalar)permissions.Get("security-events")!).Value);
            var steps = Assert.IsType<YSequence>(((YMapping)((YMapping)workflow.Get("jobs")!).Entries[0].Value).Get("steps")).Items.Cast<YMapping>();
            Assert.Contains(steps, s => (s.Get("uses") as YScalar)?.Value == "deploylint/deploylint@main");
        }

        [Theory]
        [InlineData("error", 0)]
        [InlineData("warning", 1)]
        [InlineData("none", 0)]
        public void Fail_on_chooses_what_makes_the_exit_code_one(string failOn, int exit)
        {
            using var repo = new TempRepo();
            // TP 2 on a node of 4: a warning (DPL3001, 2 GPUs idle) and no error.
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 2 }\n");
            var (code, output, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml", "--fail-on", failOn);
            Assert.Contains("warning DPL3001", output);
            Assert.Equal(exit, code);
        }
    }
}
