using System.IO;
using Xunit;

namespace DeployLint.Cli.Tests
{
    public class ExitCodeTests
    {
        private const string Good = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: ok\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n";
        private const string Bad = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: bad\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n";

        [Fact]
        public void Clean_manifest_exits_0()
        {
            using var repo = new TempRepo();
            repo.Write("prod.deploy.yaml", Good);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", ".");
            Assert.Equal(0, exit);
            Assert.Equal("1 file(s), 1 deployment(s): 0 error(s), 0 warning(s), 0 note(s)", output.Trim());
        }

        [Fact]
        public void Errors_exit_1_with_msbuild_style_lines()
        {
            using var repo = new TempRepo();
            repo.Write("deploy/prod.deploy.yaml", Bad);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "deploy");
            Assert.Equal(1, exit);
            Assert.StartsWith("deploy/prod.deploy.yaml(5,18): error DPL1001: needs 131.45 GiB", output);
        }

        [Fact]
        public void Folders_are_searched_by_name_and_by_content_and_files_are_taken_as_given()
        {
            using var repo = new TempRepo();
            repo.Write("a/x.deploy.yml", Good);
            repo.Write("a/b/y.deploy.yaml", Good);
            repo.Write("a/notes.yaml", "title: capacity notes\nowner: platform\n");
            repo.Write("a/web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers: [{ name: nginx, image: nginx, env: [{ name: NOTE, value: not vllm }] }]\n");
            repo.Write("a/k8s/llm.yaml", "apiVersion: v1\nkind: Pod\nmetadata: { name: llm, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers: [{ name: v, image: vllm/vllm-openai:v0.10.1, args: [--model, meta-llama/Llama-3.3-70B-Instruct] }]\n");
            repo.Write("a/bin/z.deploy.yaml", Bad);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "a");
            // a/k8s/llm.yaml is found by content (a vLLM pod) and fails (70B bf16 on one H100); notes.yaml and the
            // engine-less web.yaml are skipped without a note; bin/ is never searched.
            Assert.Equal(1, exit);
            Assert.Contains("3 file(s), 3 deployment(s)", output);
            Assert.Contains("llm.yaml(3,58): error DPL1001", output);
            Assert.Equal(1, CliRunner.RunIn(repo.Path, "check", "a/notes.yaml").Exit); // named explicitly: read as a manifest
        }

        [Theory]
        [InlineData("check")]
        [InlineData("check", "--format", "xml", ".")]
        [InlineData("check", "--bogus", ".")]
        [InlineData("check", "does-not-exist.deploy.yaml")]
        [InlineData("check", "--ignore", "DPL9999", ".")]
        [InlineData("estimate")]
        [InlineData("frobnicate")]
        public void Bad_usage_exits_2(params string[] args)
        {
            using var repo = new TempRepo();
            repo.Write("prod.deploy.yaml", Good);
            var (exit, _, err) = CliRunner.RunIn(repo.Path, args);
            Assert.Equal(2, exit);
            Assert.StartsWith("deploylint", err);
        }

        [Fact]
        public void Ignore_and_severity_options_change_the_verdict()
        {
            using var repo = new TempRepo();
            repo.Write("prod.deploy.yaml", Bad);
            Assert.Equal(0, CliRunner.RunIn(repo.Path, "check", ".", "--ignore", "DPL1001").Exit);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", ".", "--severity", "DPL1001=warning");
            Assert.Equal(0, exit);
            Assert.Contains("warning DPL1001", output);
        }

        [Fact]
        public void Invalid_utf8_is_a_diagnostic_at_its_position_not_a_crash()
        {
            using var repo = new TempRepo();
            string path = Path.Combine(repo.Path, "x.deploy.yaml");
            File.WriteAllBytes(path, new byte[] { (byte)'a', (byte)':', (byte)' ', (byte)'1', (byte)'\n', (byte)'b', (byte)':', (byte)' ', 0xC3, 0x28 });
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "x.deploy.yaml");
            Assert.Equal(1, exit);
            Assert.StartsWith("x.deploy.yaml(2,4): error DPL0001: the file is not valid UTF-8", output);
        }

        [Fact]
        public void Model_config_outside_the_repository_is_refused()
        {
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { config: ../../etc/passwd }\nhardware: { gpu: H100-SXM-80GB }\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml");
            Assert.Equal(1, exit);
            Assert.Contains("error DPL0010: cannot read model config '../../etc/passwd': the path leaves the repository root", output);
        }
    }
}

namespace DeployLint.Cli.Tests
{
    public class FileSizeLimitTests
    {
        [Fact]
        public void The_manifest_size_limit_is_configurable()
        {
            using var repo = new TempRepo();
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n# " + new string('x', 3000) + "\n");
            Assert.Equal(0, CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml").Exit);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml", "--max-file-size", "2KiB");
            Assert.Equal(1, exit);
            Assert.StartsWith("p.deploy.yaml(1,1): error DPL0015: the file is larger than the 2,048-byte limit", output);
        }
    }
}
