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
            var watch = Stopwatch.StartNew();
            var result = Linter.LintBytes(BytesOf(name), name + ".deploy.yaml", new LintOptions { Files = new InMemoryFiles() });
            watch.Stop();
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
    }
}
