using System.Collections.Immutable;
using System.IO;
using System.Threading;
using BenchmarkDotNet.Attributes;
using DeployLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DeployLint.Benchmarks
{
    /// <summary>
    /// One analyzer pass over an edited manifest (the text changes every iteration, so the result cache never hits):
    /// what the IDE pays per keystroke in a manifest.
    /// </summary>
    [MemoryDiagnoser]
    public class AnalyzerBenchmarks
    {
        private string _deepSeek = "";
        private string _llama = "";
        private int _edit;
        private CSharpCompilation _compilation = null!;
        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new DeploymentManifestAnalyzer());

        [GlobalSetup]
        public void Setup()
        {
            string root = Repo.Root;
            _deepSeek = File.ReadAllText(Path.Combine(root, "samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml"));
            _llama = File.ReadAllText(Path.Combine(root, "samples/manifests/llama-3.1-8b-1xh100.deploy.yaml"));
            _compilation = CSharpCompilation.Create("bench", new[] { CSharpSyntaxTree.ParseText("class C { }") });
        }

        /// <summary>The analyzer's own work per edit: lint (cache miss) and map every diagnostic to a Roslyn location.</summary>
        [Benchmark]
        public int AnalyzerCallbackEditedDeepSeekManifest() => Callback(_deepSeek);

        [Benchmark]
        public int AnalyzerCallbackEditedLlamaManifest() => Callback(_llama);

        private int Callback(string manifest)
        {
            string edited = manifest + "# edit " + (_edit++) + "\n";
            var text = SourceText.From(edited);
            int n = 0;
            foreach (var d in DeploymentManifestAnalyzer.LintCached("/repo/deploy/prod.deploy.yaml", edited, ImmutableArray<AdditionalText>.Empty, CancellationToken.None))
            {
                n += DeploymentManifestAnalyzer.LocationOf("/repo/deploy/prod.deploy.yaml", text, d.Span).SourceSpan.Length;
            }
            return n;
        }

        /// <summary>Including a fresh Roslyn analyzer driver per pass (an IDE reuses its driver, so this is an upper bound).</summary>
        [Benchmark]
        public int AnalyzerPassEditedDeepSeekManifest() => Run(_deepSeek);

        [Benchmark]
        public int AnalyzerPassEditedLlamaManifest() => Run(_llama);

        private int Run(string manifest)
        {
            string edited = manifest.Replace("maxModelLen: ", "maxModelLen: ") + "# edit " + (_edit++) + "\n";
            var files = ImmutableArray.Create<AdditionalText>(new Text("/repo/deploy/prod.deploy.yaml", edited));
            var withAnalyzers = _compilation.WithAnalyzers(_analyzers, new AnalyzerOptions(files));
            return withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;
        }

        private sealed class Text : AdditionalText
        {
            private readonly SourceText _text;

            public Text(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }
    }
}
