using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Utilities;
using Xunit;

namespace DeployLint.Tasks.Tests
{
    public sealed class LintDeploymentManifestsTests : IDisposable
    {
        private const string TooBig = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: prod\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\n";
        private const string Crowded = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: prod\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n  maxConcurrentSequences: 8\nslo: { inputTokens: 120000, outputTokens: 8000 }\n";

        private readonly string _dir = Path.Combine(Path.GetTempPath(), "deploylint-task-" + Guid.NewGuid().ToString("N"));

        public LintDeploymentManifestsTests() { Directory.CreateDirectory(Path.Combine(_dir, "deploy")); }

        public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

        private (LintDeploymentManifests Task, RecordingBuildEngine Engine, bool Result) Run(string manifest, Action<LintDeploymentManifests>? configure = null, string file = "deploy/prod.deploy.yaml")
        {
            File.WriteAllText(Path.Combine(_dir, file), manifest);
            var engine = new RecordingBuildEngine();
            var task = new LintDeploymentManifests
            {
                BuildEngine = engine,
                Manifests = new[] { new TaskItem(file) },
                ProjectDirectory = _dir,
                StampFile = Path.Combine(_dir, "obj", "deploylint.stamp"),
            };
            configure?.Invoke(task);
            bool result = task.Execute();
            return (task, engine, result);
        }

        [Fact]
        public void An_error_is_logged_with_code_file_span_and_help_link()
        {
            var (_, engine, result) = Run(TooBig);
            Assert.False(result);
            var e = Assert.Single(engine.Errors);
            Assert.Equal(("DPL1001", "deploy/prod.deploy.yaml", 6, 8, 6, 21), (e.Code, e.File, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber));
            Assert.Equal("https://github.com/deploylint/deploylint/blob/main/rules/DPL1001.md", e.HelpLink);
            Assert.StartsWith("needs 131.45 GiB of bf16 weights per GPU", e.Message);
            Assert.False(File.Exists(Path.Combine(_dir, "obj", "deploylint.stamp")));
        }

        [Fact]
        public void A_kubernetes_deployment_item_is_checked_at_its_argument()
        {
            var (_, engine, result) = Run("apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: llama }\nspec:\n  template:\n    spec:\n      nodeSelector: { cloud.google.com/gke-accelerator: nvidia-h100-80gb }\n" +
                "      containers: [{ name: v, image: vllm/vllm-openai:v0.10.1, command: [sh, -c, \"vllm serve meta-llama/Llama-3.3-70B-Instruct --tensor-parallel-size 3\"], resources: { limits: { nvidia.com/gpu: 3 } } }]\n",
                file: "deploy/llama.yaml");
            Assert.False(result);
            var e = Assert.Single(engine.Errors, x => x.Code == "DPL4001");
            Assert.Equal(("deploy/llama.yaml", 8, 151), (e.File, e.LineNumber, e.ColumnNumber));
        }

        [Fact]
        public void A_warning_stays_a_warning_and_the_stamp_is_written()
        {
            var (_, engine, result) = Run(Crowded);
            Assert.True(result);
            Assert.Equal("DPL1004", Assert.Single(engine.Warnings).Code);
            Assert.Empty(engine.Errors);
            Assert.True(File.Exists(Path.Combine(_dir, "obj", "deploylint.stamp")));
        }

        [Fact]
        public void NoWarn_silences_a_warning()
        {
            var (_, engine, result) = Run(Crowded, t => t.NoWarn = "CS1591;DPL1004");
            Assert.True(result);
            Assert.Empty(engine.Warnings);
        }

        [Fact]
        public void NoWarn_does_not_silence_an_error()
        {
            var (_, engine, _) = Run(TooBig, t => t.NoWarn = "DPL1001");
            Assert.Single(engine.Errors);
        }

        [Fact]
        public void WarningsAsErrors_and_TreatWarningsAsErrors_turn_warnings_into_errors()
        {
            Assert.Equal("DPL1004", Assert.Single(Run(Crowded, t => t.WarningsAsErrors = "DPL1004").Engine.Errors).Code);
            Assert.Equal("DPL1004", Assert.Single(Run(Crowded, t => t.TreatWarningsAsErrors = true).Engine.Errors).Code);
        }

        [Fact]
        public void A_globalconfig_changes_the_severity_in_builds_as_in_the_ide()
        {
            File.WriteAllText(Path.Combine(_dir, ".globalconfig"), "is_global = true\ndotnet_diagnostic.DPL1001.severity = warning\n");
            var (_, engine, result) = Run(TooBig);
            Assert.True(result);
            Assert.Equal("DPL1001", Assert.Single(engine.Warnings).Code);
        }

        [Fact]
        public void DeployLintCatalog_items_add_gpus_the_manifests_use()
        {
            File.WriteAllText(Path.Combine(_dir, "acme.catalog.yaml"), "gpus:\n  - id: ACME-X1-96GB\n    memoryBytes: 103079215104\n    hbmGBps: 4000\n    tflops: { bf16: 900 }\n    native: [bf16, fp16]\n    cc: \"9.0\"\n    intraNode: nvlink4\n    source: \"ACME X1 datasheet\"\n");
            var (_, engine, result) = Run(Crowded.Replace("H100-SXM-80GB", "ACME-X1-96GB").Replace("maxConcurrentSequences: 8", "maxConcurrentSequences: 1"),
                t => t.Catalogs = new[] { new TaskItem("acme.catalog.yaml") });
            Assert.True(result, string.Join("; ", engine.Errors.Select(e => e.Message)));
            Assert.Empty(engine.Errors);
        }

        [Fact]
        public void Notes_are_high_importance_messages_with_their_code()
        {
            var (_, engine, _) = Run(Crowded.Replace("gpu: H100-SXM-80GB", "gpu: h100"));
            Assert.Contains(engine.Messages, m => m.Code == "DPL0008" && m.LineNumber == 5);
        }
    }
}
