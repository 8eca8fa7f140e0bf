using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace DeployLint.Analyzers.Tests
{
    /// <summary>A small builder over Microsoft.CodeAnalysis.Testing: C# sources, additional files with markup, analyzer config.</summary>
    internal sealed class Verify
    {
        public const string ManifestPath = "/repo/deploy/prod.deploy.yaml";
        public const string AttributeSource = "namespace DeployLint { [System.AttributeUsage(System.AttributeTargets.Assembly, AllowMultiple = true)] internal sealed class DeploymentManifestAttribute : System.Attribute { public DeploymentManifestAttribute(string path) { } } }";

        private readonly CSharpAnalyzerTest<DeploymentManifestAnalyzer, DefaultVerifier> _test = new CSharpAnalyzerTest<DeploymentManifestAnalyzer, DefaultVerifier>
        {
            // No reference package: the testing library would download one from a NuGet feed while the test runs.
            // The .NET 10 reference assemblies come restored like any other dependency (Basic.Reference.Assemblies.Net100).
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };

        private Verify()
        {
            _test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        }

        public static Verify Create() => new Verify();

        public Verify Source(string code)
        {
            _test.TestState.Sources.Add(code);
            return this;
        }

        public Verify AdditionalFile(string path, string textWithMarkup)
        {
            _test.TestState.AdditionalFiles.Add((path, textWithMarkup));
            return this;
        }

        public Verify GlobalConfig(string text)
        {
            _test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", text));
            return this;
        }

        public Verify Expect(DiagnosticResult result)
        {
            _test.ExpectedDiagnostics.Add(result);
            return this;
        }

        public Task RunAsync()
        {
            if (_test.TestState.Sources.Count == 0) _test.TestState.Sources.Add("internal static class Service { }");
            return _test.RunAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs the analyzer directly on in-memory additional files (no reference assemblies needed).</summary>
    internal static class DirectRun
    {
        public static ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> Analyze(params (string Path, string Text)[] files)
        {
            var compilation = CSharpCompilation.Create("test", new[] { CSharpSyntaxTree.ParseText("class C { }") });
            var additional = files.Select(f => (AdditionalText)new MemoryText(f.Path, f.Text)).ToImmutableArray();
            var options = new AnalyzerOptions(additional);
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeploymentManifestAnalyzer()), options);
            var all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
            if (all.Any(d => d.Id == "AD0001")) throw new InvalidOperationException("analyzer threw: " + string.Join("; ", all.Where(d => d.Id == "AD0001")));
            return withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        }

        private sealed class MemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public MemoryText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }
    }

}
