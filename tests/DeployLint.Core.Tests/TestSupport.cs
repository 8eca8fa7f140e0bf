using System;
using System.IO;
using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests
{


    /// <summary>Resolves model.config against an in-memory set of files (what the analyzer does with AdditionalFiles).</summary>
    internal sealed class InMemoryFiles : DeployLint.Plans.IFileResolver
    {
        private readonly System.Collections.Generic.Dictionary<string, string> _files;

        public InMemoryFiles(params (string Path, string Text)[] files) { _files = files.ToDictionary(f => f.Path, f => f.Text); }

        public bool TryRead(string manifestPath, string relativePath, out string text, out string resolvedPath, out string problem)
        {
            resolvedPath = relativePath;
            problem = "no such file";
            return _files.TryGetValue(relativePath, out text!);
        }
    }

    internal static class Lint
    {
        public const string Header = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: test\n";

        public static LintResult Text(string yaml, LintOptions? options = null) => Linter.Lint(yaml, "test.deploy.yaml", options);

        /// <summary>Lints a file of the repository (a sample, a corpus copy) under its own path.</summary>
        public static LintResult RepoFile(string relativePath, LintOptions? options = null)
        {
            string path = Repo.PathOf(relativePath);
            return Linter.Lint(File.ReadAllText(path), path, options);
        }

        public static Diagnostic Single(string yaml, string id)
        {
            var result = Text(yaml);
            var matches = result.Diagnostics.Where(d => d.Id == id).ToList();
            Assert.True(matches.Count == 1, $"expected one {id}, got: {string.Join(" | ", result.Diagnostics.Select(d => d.ToString()))}");
            return matches[0];
        }

        public static void None(string yaml, string id)
        {
            var result = Text(yaml);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == id);
        }

        public static void At(Diagnostic d, int line, int column)
        {
            Assert.Equal((line, column), (d.Line, d.Column));
        }
    }
}
