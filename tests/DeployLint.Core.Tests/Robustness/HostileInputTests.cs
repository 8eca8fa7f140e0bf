using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DeployLint.Testing;
using Xunit;

namespace DeployLint.Core.Tests.Robustness
{
    public class HostileInputTests
    {
        public static IEnumerable<object[]> Cases => HostileCorpus.Cases().Select(c => new object[] { c.Name });

        private static byte[] BytesOf(string name) => HostileCorpus.Cases().Single(c => c.Name == name).Bytes;

        [Fact]
        public void The_corpus_has_at_least_40_cases() => Assert.True(HostileCorpus.Cases().Count() >= 40);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Every_hostile_file_yields_a_diagnostic_quickly_and_never_an_internal_error(string name)
        {
            var bytes = BytesOf(name);
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var result = Linter.LintBytes(bytes, name + ".deploy.yaml", new LintOptions { Files = new InMemoryFiles() });
            watch.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            // Everything the lint allocated, an upper bound of its peak: no hostile file may cost more than 256 MiB.
            Assert.True(allocated < 256L << 20, $"{name} allocated {allocated:N0} bytes");
            if (watch.Elapsed >= TimeSpan.FromSeconds(1))
            {
                // Wall-clock time on a 2-core CI machine running four test assemblies at once: a slow run is timed once
                // more, so a real hang or a quadratic path still fails and a descheduled thread does not.
                watch.Restart();
                result = Linter.LintBytes(BytesOf(name), name + ".deploy.yaml", new LintOptions { Files = new InMemoryFiles() });
                watch.Stop();
            }
            Assert.NotEmpty(result.Diagnostics);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DPL0017");
            Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1, d.ToString()));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"{name} took {watch.ElapsedMilliseconds} ms");
        }

        [Theory]
        [InlineData("tr-TR")]
        [InlineData("de-DE")]
        public void Output_is_byte_identical_under_other_cultures(string culture)
        {
            var samples = Directory.GetFiles(Repo.PathOf("samples/manifests"), "*.deploy.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
            string Render()
            {
                return string.Join("\n", samples.SelectMany(f => Linter.Lint(File.ReadAllText(f), Path.GetFileName(f), new LintOptions { Files = new InMemoryFiles() }).Diagnostics)
                    .Select(d => d.ToString()));
            }
            string invariant = Render();
            var previous = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                CultureInfo.CurrentUICulture = new CultureInfo(culture);
                Assert.Equal(invariant, Render());
                Assert.Equal(culture, CultureInfo.CurrentCulture.Name);
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
                CultureInfo.CurrentUICulture = previous;
            }
            Assert.Contains("79.53 GiB", invariant);
        }

        [Fact]
        public void Parallel_linting_with_the_shared_catalog_matches_a_serial_run()
        {
            var inputs = Directory.GetFiles(Repo.PathOf("samples/manifests"), "*.deploy.yaml", SearchOption.AllDirectories).Select(File.ReadAllText)
                .Concat(HostileCorpus.Cases().Where(c => c.Bytes.Length < 200_000).Select(c => System.Text.Encoding.UTF8.GetString(c.Bytes))).ToList();
            string Render(string text) => string.Join("\n", Linter.Lint(text, "p.deploy.yaml").Diagnostics.Select(d => d.ToString()));
            var serial = inputs.Select(Render).ToList();
            var parallel = new string[inputs.Count * 4];
            Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Render(inputs[i % inputs.Count]));
            for (int i = 0; i < parallel.Length; i++) Assert.Equal(serial[i % inputs.Count], parallel[i]);
        }
    
        /// <summary>
        /// A vision tower 10^14 blocks deep: its tensor counts overflowed a long, the model came out with a negative
        /// parameter count and 0 GiB of weights, and the plan passed every memory check. Sizes beyond any real checkpoint are
        /// now refused (DPL0009 at the config), whichever tensor they land in.
        /// </summary>
        [Theory]
        [InlineData("{\"model_type\":\"qwen2_5_vl\",\"hidden_size\":3584,\"intermediate_size\":18944,\"num_hidden_layers\":28,\"num_attention_heads\":28,\"num_key_value_heads\":4,\"vocab_size\":152064,\"max_position_embeddings\":4096,\"vision_config\":{\"depth\":100000000000000}}", "visual.blocks.norm1")]
        [InlineData("{\"model_type\":\"mixtral\",\"hidden_size\":4096,\"intermediate_size\":14336,\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8,\"vocab_size\":32000,\"max_position_embeddings\":4096,\"num_local_experts\":9000000000000,\"num_experts_per_tok\":2}", "block_sparse_moe.gate")]
        public void A_config_whose_sizes_overflow_the_count_is_refused_not_sized_as_zero(string configJson, string tensor)
        {
            var result = Linter.Lint("apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: h\nmodel: { config: ./c.json }\nhardware: { gpu: H100-SXM-80GB }\n",
                "h.deploy.yaml", new LintOptions { Files = new InMemoryFiles(("./c.json", configJson)) });
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL0009");
            Assert.Contains($"a tensor '{tensor}", d.Message);
            Assert.Contains("beyond any real checkpoint; a size in it is out of range", d.Message);
            Assert.DoesNotContain(result.Diagnostics, x => x.Id == "DPL0017");
        }

        [Fact]
        public void A_nul_in_a_kubernetes_model_argument_is_an_invalid_value_at_that_argument_not_an_internal_error()
        {
            var result = Linter.LintBytes(BytesOf("k8s-nul-in-model"), "p.yaml", new LintOptions { Files = new InMemoryFiles() });
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL0004");
            Assert.Equal((8, 23), (d.Line, d.Column));
            Assert.Equal("the value holds the control character U+0000, which no deployment value contains; remove it", d.Message);
            Assert.DoesNotContain(result.Diagnostics, x => x.Id == "DPL0017");
        }

        [Fact]
        public void An_argument_whose_variables_expand_past_64_KiB_is_a_limit_at_that_argument_and_is_not_expanded()
        {
            var result = Linter.LintBytes(BytesOf("k8s-expansion-bomb"), "p.yaml", new LintOptions { Files = new InMemoryFiles() });
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL0015");
            Assert.Equal((9, 74), (d.Line, d.Column));
            Assert.Equal("--max-model-len: its variables expand to more than 65,536 characters; it is not expanded (nor any other value past the limit in this file)", d.Message);
            Assert.Null(Assert.Single(result.Deployments).Manifest.Serving.MaxModelLen);
        }

        [Fact]
        public void Expansion_over_a_whole_file_stops_at_one_mebibyte_and_is_reported_once()
        {
            var result = Linter.LintBytes(BytesOf("k8s-expansion-bomb-many-args"), "p.yaml", new LintOptions { Files = new InMemoryFiles() });
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL0015");
            Assert.Equal("--max-model-len: variable expansion in this file passed 1,048,576 characters; the rest is not expanded", d.Message);
            // 60,000 characters a value: the 18th expansion is the first past 1,048,576; the values start at column 74, 25 apart.
            Assert.Equal(9, d.Line);
            Assert.Equal(74 + 25 * 17, d.Column);
        }
    
        private static LintResult PodRunning(string script) => Linter.Lint(
            "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai\n" +
            "      env: [{ name: MODEL, value: meta-llama/Llama-3.1-8B-Instruct }]\n      command: [sh, -c, \"" + script + "\"]\n      resources: { limits: { nvidia.com/gpu: 2 } }\n", "p.yaml");

        /// <summary>
        /// The engine-args fuzzer's hang: '--pp_size 64m' was read as 64 million stages (the human-readable 'm' of token
        /// counts), and the estimators cost O(PP). A rank count is a plain int, as argparse reads it.
        /// </summary>
        [Fact]
        public void A_parallel_size_with_a_unit_suffix_is_an_invalid_value_not_64_million_stages()
        {
            var result = PodRunning("trtllm-serve $MODEL --pp_size 64m --tp 2");
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL0004");
            Assert.Equal("--pp-size 64m: expected a positive whole number up to 1,000,000; the engine would refuse it", d.Message);
            Assert.Equal((9, 56), (d.Line, d.Column));
        }

        /// <summary>PP far beyond the layer count (DPL4003) is estimated with one layer per stage: a million stages cost what 32 do.</summary>
        [Fact]
        public void A_million_pipeline_stages_are_refused_without_sizing_a_million_stages()
        {
            var result = PodRunning("vllm serve $MODEL --pipeline-parallel-size 1000000");
            Assert.Contains(result.Diagnostics, x => x.Id == "DPL4003");
            Assert.Equal(32, Assert.Single(result.Deployments).Memory!.Stages.Count);
        }

        [Fact]
        public void Thousands_of_arguments_past_the_value_limit_are_one_diagnostic_and_copy_nothing()
        {
            var bytes = BytesOf("k8s-shell-expansion-bomb");
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = Linter.LintBytes(bytes, "p.yaml", new LintOptions { Files = new InMemoryFiles() });
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Single(result.Diagnostics, x => x.Id == "DPL0015");
            // 2,000 values of 120,000 characters each were refused before any copy: the file's own text dominates.
            Assert.True(allocated < 64L << 20, $"{allocated:N0} bytes allocated");
        }
    }
}
