using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>Every command has its own help; an option a command does not take is a usage error; -- and @FILE work as in other CLIs.</summary>
    public class CommandHelpTests
    {
        [Theory]
        [InlineData("init", "usage: deploylint init --model ID --gpu ID [--out FILE]")]
        [InlineData("check", "usage: deploylint check PATH... [options]")]
        [InlineData("estimate", "usage: deploylint estimate FILE [options]")]
        [InlineData("suggest", "usage: deploylint suggest FILE [options]")]
        [InlineData("models", "usage: deploylint models pull ORG/NAME[@REVISION]... [--root DIR]")]
        [InlineData("rules", "usage: deploylint rules")]
        public void Each_command_prints_its_own_help(string command, string firstLine)
        {
            using var repo = new TempRepo();
            var (exit, output, error) = CliRunner.RunIn(repo.Path, command, "--help");
            Assert.Equal(0, exit);
            Assert.Equal("", error);
            Assert.Equal(firstLine, output.Split('\n')[0]);
            Assert.Contains("exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.", output);
        }

        [Fact]
        public void An_option_of_another_command_is_a_usage_error()
        {
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n");
            var (exit, _, error) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml", "--explain");
            Assert.Equal(2, exit);
            Assert.Equal("deploylint check: option '--explain' does not apply to 'check' (see deploylint check --help)", error.Trim());
            (exit, _, error) = CliRunner.RunIn(repo.Path, "init", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--top", "3");
            Assert.Equal(2, exit);
            Assert.Contains("option '--top' does not apply to 'init'", error);
            (exit, _, error) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml", "--frobnicate");
            Assert.Equal(2, exit);
            Assert.Equal("deploylint check: unknown option '--frobnicate' (see deploylint check --help)", error.Trim());
        }

        [Fact]
        public void Double_dash_ends_options_and_response_files_supply_arguments()
        {
            using var repo = new TempRepo();
            repo.Write("-odd.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "--", "-odd.deploy.yaml");
            Assert.Equal(0, exit);
            Assert.Contains("1 file(s), 1 deployment(s)", output);
            repo.Write("args.rsp", "# the check's arguments\n--format\njson\n\n--\n-odd.deploy.yaml\n");
            (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "@args.rsp");
            Assert.Equal(0, exit);
            Assert.StartsWith("{", output.TrimStart());
        }

        [Fact]
        public void An_unknown_command_lists_the_commands()
        {
            using var repo = new TempRepo();
            var (exit, _, error) = CliRunner.RunIn(repo.Path, "lint", "x");
            Assert.Equal(2, exit);
            Assert.Equal("deploylint: unknown command 'lint'; commands: check, estimate, suggest, compare, plan, init, models, completion, rules, explain, lsp (see deploylint --help)", error.Trim());
        }
    }
}
