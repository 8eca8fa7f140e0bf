using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DeployLint.Analyzers.Tests
{
    public class ManifestAnalyzerTests
    {
        private const string Header = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: prod\n";

        [Fact]
        public Task Manifest_errors_of_every_range_are_reported_at_their_values() =>
            Verify.Create()
                .AdditionalFile("/repo/deploy/a.deploy.yaml", Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: {|DPL1001:H100-SXM-80GB|}\n  {|DPL0002:nodess|}: 1\n")
                .AdditionalFile("/repo/deploy/b.deploy.yaml", Header + "model: { id: microsoft/Phi-3-mini-4k-instruct, weights: {|DPL2004:bf16|} }\nhardware: { gpu: T4-16GB }\n")
                .AdditionalFile("/repo/deploy/c.deploy.yaml", Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: A100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: {|#0:{|DPL5001:2|}|} }\nserving: { maxModelLen: 2048 }\n")
                .AdditionalFile("/repo/deploy/d.deploy.yaml", Header + "model: { id: huggyllama/llama-30b }\nhardware: { gpu: A100-SXM-80GB, gpusPerNode: 3 }\nparallelism: { tensor: {|DPL4001:{|DPL4002:3|}|} }\nserving: { maxModelLen: 2048 }\n")
                .AdditionalFile("/repo/deploy/e.deploy.yaml", Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism: { tensor: {|DPL5001:4|} }\nserving: { maxModelLen: 8192, maxConcurrentSequences: 8 }\n")
                // Idle GPUs: the engine starts and serves, so DPL3001 is a warning here, as in every file format.
                .Expect(new DiagnosticResult("DPL3001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0))
                .RunAsync();

        [Fact]
        public Task A_kubernetes_file_listed_as_DeployLintManifest_is_checked_at_the_argument_inside_its_shell_string() =>
            Verify.Create()
                .AdditionalFile("/repo/k8s/llama.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: llama, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  template:\n    spec:\n" +
                    "      containers: [{ name: v, image: vllm/vllm-openai, command: [sh, -c, \"exec vllm serve meta-llama/Llama-3.3-70B-Instruct --tensor-parallel-size {|DPL4001:{|DPL4002:3|}|}\"], resources: { limits: { nvidia.com/gpu: 3 } } }]\n")
                .GlobalConfig("is_global = true\n\n[/repo/k8s/llama.yaml]\nbuild_metadata.AdditionalFiles.DeployLintManifest = true\n")
                .RunAsync();

        [Fact]
        public Task A_global_config_changes_the_severity() =>
            Verify.Create()
                .AdditionalFile(Verify.ManifestPath, Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\n")
                .GlobalConfig("is_global = true\ndotnet_diagnostic.DPL1001.severity = warning\n")
                .Expect(new DiagnosticResult("DPL1001", DiagnosticSeverity.Warning).WithSpan(Verify.ManifestPath, 6, 8, 6, 21))
                .RunAsync();

        [Fact]
        public Task A_global_config_can_silence_a_rule() =>
            Verify.Create()
                .AdditionalFile(Verify.ManifestPath, Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\n")
                .GlobalConfig("is_global = true\ndotnet_diagnostic.DPL1001.severity = none\n")
                .RunAsync();

        [Fact]
        public Task A_suppress_entry_with_a_reason_silences_the_rule() =>
            Verify.Create()
                .AdditionalFile(Verify.ManifestPath, Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\nsuppress:\n  - { rule: DPL1001, reason: \"offloads to CPU on purpose\" }\n")
                .RunAsync();

        [Fact]
        public Task A_referenced_config_json_is_resolved_from_additional_files() =>
            Verify.Create()
                .AdditionalFile(Verify.ManifestPath, Header + "model: { config: ../models/tiny/config.json }\nhardware:\n  gpu: {|DPL1001:T4-16GB|}\n")
                .AdditionalFile("/repo/models/tiny/config.json", "{ \"model_type\": \"llama\", \"hidden_size\": 8192, \"intermediate_size\": 28672, \"num_attention_heads\": 64, \"num_key_value_heads\": 8, \"num_hidden_layers\": 80, \"vocab_size\": 128256, \"max_position_embeddings\": 8192, \"torch_dtype\": \"float16\" }")
                .RunAsync();

        [Fact]
        public Task A_config_json_that_is_not_an_additional_file_is_a_diagnostic() =>
            Verify.Create()
                .AdditionalFile(Verify.ManifestPath, Header + "model: { config: {|DPL0010:../models/none/config.json|} }\nhardware:\n  gpu: T4-16GB\n")
                .RunAsync();

        [Fact]
        public Task An_attribute_naming_a_missing_manifest_is_reported_on_its_argument() =>
            Verify.Create()
                .Source(Verify.AttributeSource)
                .Source("[assembly: DeployLint.DeploymentManifest(\"deploy/prod.deploy.yaml\")]\n[assembly: DeployLint.DeploymentManifest({|DPL0018:\"deploy/prd.deploy.yaml\"|})]\n")
                .AdditionalFile(Verify.ManifestPath, Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n")
                .RunAsync();

        [Fact]
        public void Attribute_message_suggests_the_nearest_manifest()
        {
            string? message = DeployLint.Rules.Manifest.ManifestReferenceNotFound.Check("deploy/prd.deploy.yaml", new[] { "/repo/deploy/prod.deploy.yaml" });
            Assert.Equal("no deployment manifest named 'deploy/prd.deploy.yaml' among the project's manifests; did you mean 'prod.deploy.yaml'?", message);
        }

        [Fact]
        public void Yaml_files_that_are_not_manifests_are_ignored()
        {
            var diagnostics = DirectRun.Analyze(("/repo/ci.yaml", "this: [is not a manifest"));
            Assert.Empty(diagnostics);
        }
    }
}
