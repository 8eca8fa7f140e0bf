using System;
using System.Linq;
using System.Text;
using Xunit;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace DeployLint.Analyzers.Tests
{
    /// <summary>Garbage reaches the IDE on every keystroke: it must yield a diagnostic, never an AD0001.</summary>
    public class HostileInputTests
    {
        [Fact]
        public void Random_bytes_yield_a_manifest_diagnostic()
        {
            var random = new Random(20261125);
            var bytes = new byte[4096];
            random.NextBytes(bytes);
            string text = Encoding.Latin1.GetString(bytes);
            var diagnostics = DirectRun.Analyze(("/repo/x.deploy.yaml", text));
            Assert.NotEmpty(diagnostics);
            Assert.All(diagnostics, d => Assert.StartsWith("DPL0", d.Id));
        }

        [Fact]
        public void A_10_mb_file_is_refused_with_one_diagnostic()
        {
            string text = "a: " + new string('x', 10 * 1024 * 1024);
            var d = Assert.Single(DirectRun.Analyze(("/repo/big.deploy.yaml", text)));
            Assert.Equal("DPL0015", d.Id);
            Assert.Equal(0, d.Location.GetLineSpan().StartLinePosition.Line);
        }

        [Fact]
        public void An_alias_bomb_is_refused_with_one_diagnostic()
        {
            var sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
            for (int i = 0; i < 9; i++) sb.Append($"b{i}: &b{i} [{string.Join(", ", Enumerable.Repeat(i == 0 ? "*a" : $"*b{i - 1}", 10))}]\n");
            var diagnostics = DirectRun.Analyze(("/repo/bomb.deploy.yaml", sb.ToString()));
            Assert.Equal("DPL0015", Assert.Single(diagnostics).Id);
        }

        [Theory]
        [InlineData("")]
        [InlineData("---\n---\n")]
        [InlineData("\t\t\t")]
        [InlineData("[[[[[[[[[[")]
        [InlineData("apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: 7 }\nhardware: { gpu: [1, 2] }\nparallelism: { tensor: 1e308 }\n")]
        [InlineData("apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 99999999999999999999 }\n")]
        public void Malformed_manifests_never_throw(string text)
        {
            var diagnostics = DirectRun.Analyze(("/repo/m.deploy.yaml", text));
            Assert.NotEmpty(diagnostics);
            Assert.All(diagnostics, d => Assert.StartsWith("DPL0", d.Id));
        }
    }
}

namespace DeployLint.Analyzers.Tests
{
    public class ModelStoreAnalyzerTests
    {
        [Fact]
        public void A_model_in_the_repository_store_is_read_from_the_additional_files_without_touching_the_disk()
        {
            const string Config = "{\"model_type\":\"llama\",\"hidden_size\":4096,\"intermediate_size\":14336,\"num_attention_heads\":32,\"num_hidden_layers\":32,\"num_key_value_heads\":8,\"vocab_size\":128256,\"max_position_embeddings\":8192,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}";
            var diagnostics = DirectRun.Analyze(
                ("/repo/deploy/p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: acme/tiny-llama }\nhardware: { gpu: T4-16GB }\n"),
                ("/repo/.deploylint/models/acme/tiny-llama/config.json", Config));
            Assert.DoesNotContain(diagnostics, d => d.Id == "DPL0006");
            Assert.Contains(diagnostics, d => d.Id == "DPL0021" && d.GetMessage().Contains("repository's model store"));
            Assert.Contains(diagnostics, d => d.Id == "DPL1001"); // 16 GB of bf16 weights on a 16 GB T4: checked, not skipped
        }

        [Fact]
        public void A_store_file_added_after_a_lint_invalidates_the_cached_result_of_the_unchanged_manifest()
        {
            const string Manifest = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: acme/later-llama }\nhardware: { gpu: T4-16GB }\n";
            const string Config = "{\"model_type\":\"llama\",\"hidden_size\":4096,\"intermediate_size\":14336,\"num_attention_heads\":32,\"num_hidden_layers\":32,\"num_key_value_heads\":8,\"vocab_size\":128256,\"max_position_embeddings\":8192,\"torch_dtype\":\"bfloat16\"}";
            var before = DirectRun.Analyze(("/cache-test/deploy/p.deploy.yaml", Manifest));
            Assert.Contains(before, d => d.Id == "DPL0006");
            var after = DirectRun.Analyze(("/cache-test/deploy/p.deploy.yaml", Manifest), ("/cache-test/.deploylint/models/acme/later-llama/config.json", Config));
            Assert.DoesNotContain(after, d => d.Id == "DPL0006");
            Assert.Contains(after, d => d.Id == "DPL1001");
        }
    }
}
