using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>
    /// DynamoGraphDeployment nvidia.com/v1beta1 (Dynamo 1.x, deploy/operator/api/v1beta1): components in a list under
    /// spec.components, each with a native podTemplate whose container named "main" runs the engine. Shapes from
    /// ai-dynamo/dynamo recipes/gpt-oss-120b/vllm/agg-h200-agentic/deploy.yaml (shortened).
    /// </summary>
    public class DynamoV1Beta1Tests
    {
        private const string Agg =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg }\ndata:\n  speculative-config: |-\n    {\"method\": \"eagle3\", \"num_speculative_tokens\": 3}\n---\n" +
            "apiVersion: nvidia.com/v1beta1\nkind: DynamoGraphDeployment\nmetadata: { name: gptoss }\nspec:\n  backendFramework: vllm\n  components:\n" +
            "    - name: Frontend\n      type: frontend\n      podTemplate:\n        spec:\n          containers:\n            - name: main\n              image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.1\n              command: [python3]\n              args: [-m, dynamo.frontend]\n" +
            "    - name: agg\n      type: worker\n      replicas: 8\n      podTemplate:\n        spec:\n          affinity:\n            nodeAffinity:\n              requiredDuringSchedulingIgnoredDuringExecution:\n" +
            "                nodeSelectorTerms:\n                  - matchExpressions: [{key: nvidia.com/gpu.product, operator: In, values: [NVIDIA-H200]}]\n          containers:\n" +
            "            - name: log-shipper\n              image: fluent/fluent-bit\n              args: [--note, vllm]\n" +
            "            - name: main\n              image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.1\n              command: [python3, -m, dynamo.vllm]\n" +
            "              args: [--model=openai/gpt-oss-120b, --kv-cache-dtype=fp8, --max-model-len=131072, --gpu-memory-utilization=0.9, --tensor-parallel-size=1, --max-num-seqs=256, --speculative-config=$(SPECULATIVE_CONFIG)]\n" +
            "              env:\n                - {name: SPECULATIVE_CONFIG, valueFrom: {configMapKeyRef: {name: cfg, key: speculative-config}}}\n" +
            "              resources: {limits: {nvidia.com/gpu: \"1\"}}\n";

        [Fact]
        public void The_main_container_of_each_engine_component_is_a_deployment()
        {
            var result = Linter.Lint(Agg, "deploy.yaml");
            var d = Assert.Single(result.Deployments);
            var plan = d.Plan!;
            Assert.Equal("gptoss/agg", d.Name);
            Assert.Equal("openai/gpt-oss-120b", plan.ModelId);
            Assert.Equal("H200-SXM-141GB", plan.Gpu.Id);
            Assert.Equal((1, 1, 1), (plan.Nodes, plan.GpusPerNode, plan.Tensor));
            Assert.Equal(131072, plan.MaxModelLen);
            Assert.Equal(256, plan.MaxConcurrentSequences);
            Assert.Equal("fp8-e4m3", plan.KvCacheFormat);
            Assert.NotNull(d.Memory);
            // gpt-oss is published in MXFP4: its Marlin path on Hopper is advice, not a warning.
            var emulated = Assert.Single(result.Diagnostics, x => x.Id == "DPL2003");
            Assert.Equal(Severity.Info, emulated.Severity);
        }

        /// <summary>recipes/deepseek-r1/trtllm/agg/b200/deploy.yaml loads /model-cache/deepseek-r1-fp4 (NVIDIA's NVFP4 re-upload, downloaded under that name).</summary>
        [Fact]
        public void A_local_folder_named_for_a_quantized_re_upload_is_that_model_in_that_format()
        {
            string yaml = "apiVersion: v1\nkind: Pod\nmetadata: { name: w, annotations: { deploylint.io/gpu: B200-180GB } }\nspec:\n  containers:\n    - name: main\n" +
                          "      image: nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.1.1\n" +
                          "      command: [python3, -m, dynamo.trtllm, --model-path, /model-cache/deepseek-r1-fp4, --tp-size, \"8\", --ep-size, \"8\"]\n" +
                          "      resources: { limits: { nvidia.com/gpu: 8 } }\n";
            var result = Linter.Lint(yaml, "deploy.yaml");
            var plan = Assert.Single(result.Deployments).Plan!;
            Assert.Equal("deepseek-ai/DeepSeek-R1", plan.ModelId);
            Assert.Equal("nvfp4", plan.WeightsFormat);
            var note = Assert.Single(result.Diagnostics, d => d.Message.Contains("from the folder's name"));
            Assert.Contains("takes it to be deepseek-ai/DeepSeek-R1 in nvfp4", note.Message);
            Assert.Equal((8, 59), (note.Line, note.Column));
        }

        [Fact]
        public void A_multinode_component_spans_its_node_count()
        {
            string yaml = "apiVersion: nvidia.com/v1beta1\nkind: DynamoGraphDeployment\nmetadata: { name: dsr1 }\nspec:\n  components:\n" +
                          "    - name: decode\n      type: decode\n      multinode: { nodeCount: 2 }\n      podTemplate:\n        spec:\n" +
                          "          nodeSelector: { nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3 }\n          containers:\n            - name: main\n" +
                          "              image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.1\n" +
                          "              command: [python3, -m, dynamo.vllm, --model, deepseek-ai/DeepSeek-R1, --tensor-parallel-size, \"8\", --pipeline-parallel-size, \"2\", --max-model-len, \"16384\"]\n" +
                          "              resources: { limits: { nvidia.com/gpu: \"8\" } }\n";
            var result = Linter.Lint(yaml, "deploy.yaml");
            var d = Assert.Single(result.Deployments);
            var plan = d.Plan!;
            Assert.Equal("dsr1/decode", d.Name);
            Assert.Equal((2, 8, 8, 2), (plan.Nodes, plan.GpusPerNode, plan.Tensor, plan.Pipeline));
            Assert.Equal("H100-SXM-80GB", plan.Gpu.Id);
            var at = result.Diagnostics.Where(x => x.Id == "DPL0021" && x.Message.Contains("decode")).ToList();
            Assert.Empty(at);
        }
    }
}
