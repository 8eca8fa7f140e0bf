using System.IO;
using System.Linq;
using Xunit;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace DeployLint.Analyzers.Tests
{
    /// <summary>The analyzer and the CLI are two adapters of one engine: same id, severity, line, column and message.</summary>
    public class CliParityTests
    {
        [Theory]
        [InlineData("samples/manifests/deepseek-r1-bf16-16xa100.deploy.yaml")]
        [InlineData("samples/manifests/deepseek-r1-fp8-8xa100-tp8.deploy.yaml")]
        [InlineData("samples/manifests/llama-3.1-70b-awq-2xl40s.deploy.yaml")]
        [InlineData("samples/manifests/bad/DPL0002-unknown-key.deploy.yaml")]
        [InlineData("samples/manifests/bad/DPL0013-duplicate-key.deploy.yaml")]
        public void Analyzer_and_cli_report_identical_diagnostics(string relative)
        {
            string full = Path.Combine(Repo.Root, relative);
            string text = File.ReadAllText(full);
            var fromAnalyzer = DirectRun.Analyze((full, text))
                .Select(d => $"{d.Id}|{d.Severity.ToString().ToLowerInvariant().Replace("info", "info")}|{d.Location.GetLineSpan().StartLinePosition.Line + 1}|{d.Location.GetLineSpan().StartLinePosition.Character + 1}|{d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
                .OrderBy(x => x).ToList();

            var stdout = new StringWriter();
            var previous = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(Repo.Root);
            try
            {
                DeployLint.Cli.Program.Run(new[] { "check", relative, "--format", "json" }, stdout, new StringWriter());
            }
            finally
            {
                Directory.SetCurrentDirectory(previous);
            }
            using var doc = System.Text.Json.JsonDocument.Parse(stdout.ToString());
            var fromCli = doc.RootElement.GetProperty("deployments").EnumerateArray().SelectMany(dep => dep.GetProperty("diagnostics").EnumerateArray())
                .Concat(doc.RootElement.GetProperty("fileDiagnostics").EnumerateArray())
                .Where(d => !d.TryGetProperty("suppressed", out _))
                .Select(d => $"{d.GetProperty("id").GetString()}|{d.GetProperty("severity").GetString()}|{d.GetProperty("line").GetInt32()}|{d.GetProperty("column").GetInt32()}|{d.GetProperty("message").GetString()}")
                .OrderBy(x => x).ToList();
            Assert.NotEmpty(fromCli);
            Assert.Equal(fromCli, fromAnalyzer);
        }
    }
}
