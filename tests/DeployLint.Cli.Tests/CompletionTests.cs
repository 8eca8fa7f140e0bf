using System.Diagnostics;
using System.IO;
using DeployLint.Testing;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>Shell completion generated from the command table and the catalog, exercised in a real bash.</summary>
    public class CompletionTests
    {
        private static string Complete(string script, string words, int index)
        {
            using var repo = new TempRepo();
            repo.Write("completion.bash", script);
            var start = new ProcessStartInfo("bash", "-c \"source completion.bash; COMP_WORDS=(" + words + "); COMP_CWORD=" + index + "; _deploylint; echo \\\"${COMPREPLY[*]}\\\"\"")
            {
                WorkingDirectory = repo.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var bash = Process.Start(start)!;
            string output = bash.StandardOutput.ReadToEnd();
            bash.WaitForExit();
            return output.Trim();
        }

        [SkippableUnixFact]
        public void Bash_completes_commands_options_and_catalog_ids()
        {
            var (exit, script, _) = CliRunner.Run("completion", "bash");
            Assert.Equal(0, exit);
            Assert.Equal("check compare completion", Complete(script, "deploylint c", 1));
            Assert.Equal("--fail-on --format", Complete(script, "deploylint check --f", 2));
            Assert.Equal("H200-SXM-141GB H200-NVL-141GB", Complete(script, "deploylint plan --gpu H200", 3));
            Assert.Equal("codeclimate", Complete(script, "deploylint check --format co", 3));
        }

        [Fact]
        public void Fish_and_zsh_scripts_are_generated_and_an_unknown_shell_is_a_usage_error()
        {
            var (exit, fish, _) = CliRunner.Run("completion", "fish");
            Assert.Equal(0, exit);
            Assert.Contains("complete -c deploylint -n \"__fish_seen_subcommand_from check\" -l format -x -a \"text json sarif github markdown codeclimate junit\"", fish);
            var (zexit, zsh, _) = CliRunner.Run("completion", "zsh");
            Assert.Equal(0, zexit);
            Assert.StartsWith("autoload -U +X bashcompinit && bashcompinit", zsh);
            Assert.Equal(2, CliRunner.Run("completion", "powershell").Exit);
        }
    }
}
