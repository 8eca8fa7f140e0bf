using System.IO;
using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>Each bad sample raises its rule at the exact line and column; good samples raise no warning or error.</summary>
    public class ManifestSampleTests
    {
        [Theory]
        [InlineData("DPL0001-malformed-yaml", "DPL0001", 7, 1)]
        [InlineData("DPL0002-unknown-key", "DPL0002", 9, 3)]
        [InlineData("DPL0003-missing-field", "DPL0003", 7, 3)]
        [InlineData("DPL0004-invalid-value", "DPL0004", 9, 11)]
        [InlineData("DPL0005-unknown-gpu", "DPL0005", 7, 8)]
        [InlineData("DPL0006-unknown-model", "DPL0006", 5, 7)]
        [InlineData("DPL0007-out-of-range", "DPL0007", 9, 25)]
        [InlineData("DPL0008-alias-resolved", "DPL0008", 7, 8)]
        [InlineData("DPL0009-unsupported-architecture", "DPL0009", 5, 11)]
        [InlineData("DPL0010-referenced-file-unreadable", "DPL0010", 5, 11)]
        [InlineData("DPL0011-suppression-without-reason", "DPL0011", 11, 11)]
        [InlineData("DPL0012-unsupported-document", "DPL0012", 1, 13)]
        [InlineData("DPL0013-duplicate-key", "DPL0013", 10, 3)]
        [InlineData("DPL0014-checkpoint-format-mismatch", "DPL0014", 6, 12)]
        [InlineData("DPL0015-alias-bomb", "DPL0015", 8, 4)]
        [InlineData("DPL0016-unknown-link", "DPL0016", 10, 14)]
        public void Bad_sample_raises_its_rule_at_the_value(string file, string id, int line, int column)
        {
            string path = Repo.PathOf($"samples/manifests/bad/{file}.deploy.yaml");
            var options = new LintOptions { Files = new SampleFiles(Path.GetDirectoryName(path)!) };
            var result = Linter.Lint(File.ReadAllText(path), path, options);
            var d = Assert.Single(result.Diagnostics, x => !x.IsSuppressed);
            Assert.Equal((id, line, column), (d.Id, d.Line, d.Column));
        }

        [Theory]
        [InlineData("deepseek-r1-fp8-16xh100-tp8-pp2")]
        [InlineData("deepseek-r1-fp8-8xh200-tp8")]
        [InlineData("llama-3.1-8b-1xl4")]
        [InlineData("llama-3.1-8b-1xh100")]
        [InlineData("llama-3.1-70b-awq-2xl40s")]
        [InlineData("custom-model-1xl4")]
        public void Good_sample_is_clean(string file)
        {
            string path = Repo.PathOf($"samples/manifests/{file}.deploy.yaml");
            var options = new LintOptions { Files = new SampleFiles(Path.GetDirectoryName(path)!) };
            var result = Linter.Lint(File.ReadAllText(path), path, options);
            Assert.DoesNotContain(result.Active, d => d.Severity >= Severity.Warning);
            Assert.NotNull(Assert.Single(result.Deployments).Memory);
        }

        /// <summary>Reads referenced files from the sample folder (tests stay inside the repository).</summary>
        private sealed class SampleFiles : DeployLint.Plans.IFileResolver
        {
            private readonly string _dir;
            public SampleFiles(string dir) { _dir = dir; }

            public bool TryRead(string manifestPath, string relativePath, out string text, out string resolvedPath, out string problem)
            {
                string full = Path.Combine(_dir, relativePath);
                resolvedPath = relativePath;
                problem = "no such file";
                text = File.Exists(full) ? File.ReadAllText(full) : "";
                return File.Exists(full);
            }
        }
    }
}

namespace DeployLint.Core.Tests
{
    public class ForeignDocumentTests
    {
        [Fact]
        public void Kubernetes_documents_are_skipped_with_one_note_never_an_error()
        {
            var result = Lint.Text("apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: vllm }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: vllm }\n");
            var d = Assert.Single(result.Diagnostics);
            Assert.Equal(("DPL0020", Severity.Info), (d.Id, d.Severity));
            Assert.Equal("the file holds a Deployment (apps/v1) that launches no serving engine DeployLint reads (vLLM, SGLang, TensorRT-LLM); it is skipped", d.Message);
            Assert.Empty(result.Deployments);
        }

        [Fact]
        public void A_manifest_beside_kubernetes_documents_is_still_linted_and_the_others_skipped()
        {
            var result = Lint.Text("apiVersion: apps/v1\nkind: Deployment\n---\n" + Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n");
            Assert.Single(result.Deployments);
            Assert.Equal("DPL1001", Assert.Single(result.Diagnostics).Id);
        }

        [Fact]
        public void A_deploylint_version_we_do_not_read_is_still_an_error()
        {
            Assert.Contains(Lint.Text("apiVersion: deploylint/v2\nkind: InferenceDeployment\nname: x\n").Diagnostics, d => d.Id == "DPL0012" && d.Severity == Severity.Error);
        }
    }
}
