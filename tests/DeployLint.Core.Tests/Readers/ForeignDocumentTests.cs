using System.Linq;
using DeployLint.Catalog;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>
    /// Files from GoogleCloudPlatform/kubernetes-engine-samples (ai-ml/, commit 2b503651) that DeployLint misread or could
    /// not size: an InferencePool template without its apiVersion beside the vLLM Deployment it routes to, and Gemma 1 /
    /// Llama 4 Scout base ids the GKE tutorials serve.
    /// </summary>
    public class ForeignDocumentTests
    {
        /// <summary>ai-ml/infw-gw/examples/getting-started/inference-pool-variables.yaml, shortened.</summary>
        private const string InferencePoolTemplate =
            "# [START gke_aiml_infw_gw_infw_pool_variables]\nkind: InferencePool\nmetadata:\n  name: ${APP_NAME:-vllm-llama3-8b-instruct}\n" +
            "spec:\n  targetPortNumber: ${TARGET_PORT:-8000}\n  selector:\n    app: ${APP_NAME:-vllm-llama3-8b-instruct}\n---\n" +
            "apiVersion: v1\nkind: Service\nmetadata: { name: vllm }\nspec: { ports: [{ port: 8000 }] }\n";

        [Fact]
        public void A_kubernetes_object_whose_template_dropped_its_apiversion_is_not_read_as_a_manifest()
        {
            var result = Linter.Lint(InferencePoolTemplate, "inference-pool-variables.yaml");
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DPL0002" || d.Id == "DPL0003" || d.Id == "DPL0012");
        }

        [Fact]
        public void A_document_with_a_manifests_sections_but_a_wrong_kind_is_still_reported()
        {
            var d = Lint.Single("kind: InferenceDeploymnet\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n", "DPL0012");
            Lint.At(d, 1, 7);
        }

        /// <summary>ai-ml/vllm-tpu/vllm-llama3-70b.yaml, shortened: vLLM on a TPU v6e slice.</summary>
        [Fact]
        public void A_deployment_on_cloud_tpu_says_so_instead_of_asking_for_a_gpu()
        {
            string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: vllm-tpu }\nspec:\n  template:\n    spec:\n      nodeSelector:\n" +
                          "        cloud.google.com/gke-tpu-topology: 2x4\n        cloud.google.com/gke-tpu-accelerator: tpu-v6e-slice\n      containers:\n" +
                          "      - name: vllm-tpu\n        image: vllm/vllm-tpu:latest\n        command: [python3, -m, vllm.entrypoints.openai.api_server]\n" +
                          "        args: [--model=meta-llama/Llama-3.1-70B-Instruct, --tensor-parallel-size=8, --max-model-len=4096]\n" +
                          "        resources: { limits: { google.com/tpu: 8 } }\n";
            var result = Linter.Lint(yaml, "vllm-llama3-70b.yaml");
            var note = Assert.Single(result.Diagnostics, d => d.Message.Contains("Cloud TPU"));
            Assert.Equal("DPL0021", note.Id);
            Assert.Equal((9, 47), (note.Line, note.Column));
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("does not name its GPU type"));
        }

        /// <summary>google/gemma-2b config.json: 256,000 x 2,048 tied embeddings, 18 layers of MQA (8 query heads, one KV head of 256) and a 3 x 2,048 x 16,384 GeGLU MLP.</summary>
        [Fact]
        public void Gemma_2b_and_its_instruction_tunes_count_their_published_total()
        {
            var catalog = HardwareCatalog.BuiltIn;
            foreach (var id in new[] { "google/gemma-2b", "google/gemma-2b-it", "google/gemma-1.1-2b-it" })
            {
                var a = catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!;
                Assert.Equal(2_506_172_416L, a.TotalParameters);
            }
            Assert.Equal(catalog.FindModel("google/gemma-7b-it"), catalog.FindModel("google/gemma-1.1-7b-it"));
            Assert.Equal(catalog.FindModel("meta-llama/Llama-4-Scout-17B-16E-Instruct"), catalog.FindModel("meta-llama/Llama-4-Scout-17B-16E"));
        }
    }
}
