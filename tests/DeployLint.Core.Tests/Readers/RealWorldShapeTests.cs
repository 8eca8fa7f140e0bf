using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>Shapes that public deployment files really take, each modelled on the kind of file named in its comment.</summary>
    public class RealWorldShapeTests
    {
        private static LintResult Lint(string yaml) => Linter.Lint(yaml, "deploy.yaml");

        [Fact]
        public void Sglang_dp_attention_keeps_the_world_at_tp_size()
        {
            // SGLang DeepSeek recipes: --tp 16 --dp 16 --enable-dp-attention on 2 x 8 GPUs: attention DP lives inside the TP group.
            string yaml = "apiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata: { name: r1, annotations: { deploylint.io/gpu: H200-SXM-141GB, deploylint.io/inter-node: ib-ndr-400 } }\nspec:\n  leaderWorkerTemplate:\n    size: 2\n    leaderTemplate:\n      spec:\n" +
                "        containers: [{ name: s, image: lmsysorg/sglang:v0.5.2-cu126, command: [python3, -m, sglang.launch_server, --model-path, deepseek-ai/DeepSeek-R1, --tp, \"16\", --dp, \"16\", --enable-dp-attention, --nnodes, $(LWS_GROUP_SIZE), --context-length, \"32768\"], resources: { limits: { nvidia.com/gpu: 8 } } }]\n";
            var result = Lint(yaml);
            var p = Assert.Single(result.Deployments).Plan!;
            Assert.Equal((16, 1, 2, 8), (p.Tensor, p.Data, p.Nodes, p.GpusPerNode));
            Assert.DoesNotContain(result.Active, d => d.Id == "DPL3001");
        }

        [Fact]
        public void Vllm_wide_expert_parallel_over_two_nodes_reads_dp_and_ep()
        {
            // llm-d wide-EP LWS: vllm serve DeepSeek-R1-0528 --data-parallel-size 16 --data-parallel-size-local 8 --enable-expert-parallel, 8 GPUs per pod.
            string yaml = "apiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata: { name: wide-ep }\nspec:\n  leaderWorkerTemplate:\n    size: 2\n    workerTemplate:\n      spec:\n" +
                "        nodeSelector: { nvidia.com/gpu.product: NVIDIA-H200 }\n" +
                "        containers:\n          - name: vllm\n            image: ghcr.io/llm-d/llm-d:v0.2.0\n            command: [/bin/sh, -c]\n            args:\n              - |\n                exec vllm serve deepseek-ai/DeepSeek-R1-0528 \\\n                  --port 8000 --data-parallel-size 16 --data-parallel-size-local 8 \\\n                  --data-parallel-address $(LWS_LEADER_ADDRESS) --enable-expert-parallel --trust-remote-code --max-model-len 16384\n            resources: { limits: { nvidia.com/gpu: \"8\", rdma/ib: 1 } }\n";
            var result = Lint(yaml);
            var p = Assert.Single(result.Deployments).Plan!;
            Assert.Equal(("deepseek-ai/DeepSeek-R1", "H200-SXM-141GB"), (p.ModelId, p.Gpu.Id));
            Assert.Equal((1, 16, 16, 2, 8), (p.Tensor, p.Data, p.Expert, p.Nodes, p.GpusPerNode));
            Assert.DoesNotContain(result.Active, d => d.Severity == Severity.Error);
        }

        [Fact]
        public void Kserve_model_without_format_but_with_vllm_flags_and_a_bucket_path_named_like_a_catalog_model()
        {
            // KServe InferenceService with storageUri s3://.../Meta-Llama-3-70B-Instruct and vLLM args, no modelFormat.
            string yaml = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: { name: isvc }\nspec:\n  predictor:\n    nodeSelector: { nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB }\n    model:\n" +
                "      storageUri: s3://hf-models/Meta-Llama-3-70B-Instruct/Meta-Llama-3-70B-Instruct\n      args: [--dtype=float16, --tensor-parallel-size=8, --max-model-len=4096]\n      resources: { limits: { nvidia.com/gpu: \"8\" } }\n";
            var result = Lint(yaml);
            var d = Assert.Single(result.Deployments);
            Assert.Equal(("meta-llama/Meta-Llama-3-70B-Instruct", 8, "fp16"), (d.Plan!.ModelId, d.Plan.Tensor, d.Plan.ActivationFormat));
            var note = Assert.Single(d.Diagnostics, x => x.Id == "DPL0021");
            Assert.Contains("from the folder's name", note.Message);
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
        }

        [Fact]
        public void Kserve_containers_with_flags_split_between_command_and_args_and_a_mounted_model_path()
        {
            // KServe predictor.containers running vllm-openai with --tensor-parallel-size in command and --model /mnt/models in args.
            string yaml = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: { name: llm }\nspec:\n  predictor:\n    containers:\n    - name: kserve-container\n      image: docker.io/vllm/vllm-openai:v0.4.0\n" +
                "      args: [\"--port\", \"8080\", \"--model\", \"/mnt/models\"]\n      command: [python3, \"-m\", vllm.entrypoints.openai.api_server, \"--gpu-memory-utilization\", \"0.9\", \"--dtype=half\", \"--tensor-parallel-size\", \"2\", \"--max-model-len\", \"2048\"]\n";
            var result = Lint(yaml);
            var d = Assert.Single(result.Deployments);
            Assert.Null(d.Plan); // /mnt/models names no model: nothing to check, and no error
            Assert.Equal((2L, 2048L, "0.4.0"), (d.Manifest.Parallelism.Tensor!.Value, d.Manifest.Serving.MaxModelLen!.Value, d.Manifest.Serving.EngineVersion!.Value));
            Assert.Equal("DPL0021", Assert.Single(result.Active).Id);
        }

        [Fact]
        public void Instance_type_without_a_catalog_gpu_is_named_in_the_note()
        {
            // g5 instances carry an A10G, which the catalog does not model: a note, never a guess.
            string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  template:\n    spec:\n      nodeSelector: { node.kubernetes.io/instance-type: g5.8xlarge }\n" +
                "      containers: [{ name: v, image: vllm/vllm-openai:v0.9.0, args: [--model, meta-llama/Llama-3.1-8B-Instruct], resources: { limits: { nvidia.com/gpu: 1 } } }]\n";
            var result = Lint(yaml);
            var note = Assert.Single(result.Active);
            Assert.Equal("DPL0021", note.Id);
            Assert.Contains("node.kubernetes.io/instance-type=g5.8xlarge", note.Message);
            Assert.Equal((7, 57), (note.Line, note.Column)); // the label value g5.8xlarge
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class ModelSourceTests
    {
        [Fact]
        public void Model_directory_in_the_repository_is_read_through_its_config_json()
        {
            const string config = "{ \"model_type\": \"llama\", \"hidden_size\": 4096, \"intermediate_size\": 14336, \"num_attention_heads\": 32, \"num_key_value_heads\": 8, \"num_hidden_layers\": 32, \"vocab_size\": 128256, \"max_position_embeddings\": 8192, \"torch_dtype\": \"bfloat16\" }";
            string yaml = "services:\n  llm:\n    image: vllm/vllm-openai:v0.10.1\n    command: [\"--model\", \"models/my-llama\", \"--tensor-parallel-size\", \"3\"]\n    labels: { deploylint.io/gpu: L40S-48GB }\n";
            var result = Linter.Lint(yaml, "compose.yaml", new LintOptions { Files = new InMemoryFiles(("models/my-llama/config.json", config)) });
            var d = Assert.Single(result.Active, x => x.Id == "DPL4001");
            Assert.Equal((4, 71), (d.Line, d.Column));
            Assert.Equal("models/my-llama", result.Deployments[0].Plan!.ModelId);
        }

        [Fact]
        public void Long_context_allowed_by_env_is_a_warning_not_a_refusal()
        {
            string yaml = "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai:v0.10.1\n" +
                "      args: [--model, meta-llama/Meta-Llama-3-8B-Instruct, --max-model-len, \"16384\"]\n      env: [{ name: VLLM_ALLOW_LONG_MAX_MODEL_LEN, value: \"1\" }]\n      resources: { limits: { nvidia.com/gpu: 1 } }\n";
            var d = Assert.Single(Linter.Lint(yaml, "p.yaml").Active, x => x.Id == "DPL4005");
            Assert.Equal((Severity.Warning, 8, 77), (d.Severity, d.Line, d.Column));
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class UnreadableSettingsTests
    {
        [Theory]
        [InlineData("[python3, -m, dynamo.trtllm, --model-path, meta-llama/Llama-3.3-70B-Instruct, --extra-engine-args, /workspace/engine_configs/agg.yaml]", "extra-engine-args")]
        [InlineData("[trtllm-serve, meta-llama/Llama-3.3-70B-Instruct, --extra_llm_api_options, /cfg/extra.yaml]", "extra-llm-api-options")]
        [InlineData("[vllm, serve, meta-llama/Llama-3.3-70B-Instruct, --config, /etc/vllm/config.yaml]", "config")]
        public void Settings_in_a_container_file_leave_the_deployment_unchecked_not_failed(string command, string flag)
        {
            // A 70B model on 8 GPUs with its TP in the file: checking TP 1 would report weights that cannot fit.
            string yaml = "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n" +
                $"    - {{ name: e, image: nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:0.5.0, command: {command}, resources: {{ limits: {{ nvidia.com/gpu: 8 }} }} }}\n";
            var result = Linter.Lint(yaml, "p.yaml");
            var note = Assert.Single(result.Active);
            Assert.Equal("DPL0021", note.Id);
            Assert.Contains("--" + flag, note.Message);
            Assert.Null(result.Deployments[0].Plan);
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class AutoFitTests
    {
        [Fact]
        public void Max_model_len_auto_is_a_note_with_the_length_vllm_will_fit_not_a_refusal()
        {
            // vllm#29431: "--max-model-len auto" / -1 reduces the context to what the KV cache holds instead of refusing to start.
            string yaml = "services:\n  gpt-oss:\n    image: vllm/vllm-openai:v0.12.0\n    command: [\"--model\", \"openai/gpt-oss-120b\", \"--max-model-len\", \"auto\"]\n    labels: { deploylint.io/gpu: H100-SXM-80GB }\n";
            var result = Linter.Lint(yaml, "compose.yaml");
            var d = Assert.Single(result.Active, x => x.Id == "DPL1003");
            Assert.Equal((Severity.Info, 4, 68), (d.Severity, d.Line, d.Column));
            Assert.Contains("vLLM will reduce max_model_len to about", d.Message);
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class PlanSketchTests
    {
        [Fact]
        public void Sketch_keys_for_quantization_kv_cache_and_sglang_budget_are_read()
        {
            string yaml = "kind: DeploymentPlan\nengine: sglang\nmodel: Qwen/Qwen2.5-7B-Instruct\nhardware: {gpu: H100-80GB, gpus: 2}\nparallelism: {tp: 2}\n" +
                "quantization: fp8\nkvCacheDtype: fp8_e5m2\nmemFractionStatic: 0.8\nmaxRunningRequests: 64\ncontextLength: 16384\n";
            var p = Assert.Single(Linter.Lint(yaml, "plan.yaml").Deployments).Plan!;
            Assert.Equal(("sglang", 2, "fp8-e4m3", "fp8-e5m2"), (p.EngineName, p.Tensor, p.WeightsFormat, p.KvCacheFormat));
            Assert.Equal((0.8, 64L, 16384L), (p.GpuMemoryUtilization, p.MaxConcurrentSequences, p.MaxModelLen));
        }

        /// <summary>Incident write-ups copy vLLM's own names (tensor_parallel_size, max_model_len) or its flags, at the top level.</summary>
        [Fact]
        public void Sketch_keys_in_snake_case_or_flag_form_are_read_wherever_they_sit()
        {
            string yaml = "kind: DeploymentPlan\nengine: vllm\nmodel: meta-llama/Llama-3.3-70B-Instruct\nhardware: {gpu: H100-SXM-80GB, gpus: 2}\n" +
                          "tensor_parallel_size: 2\nmax_model_len: 32768\ngpu-memory-utilization: 0.95\nmax_num_seqs: 16\nenforce_eager: true\n" +
                          "quantization_config: {quant_method: fp8}\n";
            var p = Assert.Single(Linter.Lint(yaml, "plan.yaml").Deployments).Plan!;
            Assert.Equal((2, 32768L, 0.95, 16L), (p.Tensor, p.MaxModelLen, p.GpuMemoryUtilization, p.MaxConcurrentSequences));
            Assert.True(p.EnforceEager);
            Assert.Equal("fp8-e4m3", p.WeightsFormat);
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class MultiNodePodTests
    {
        private const string Head = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: s, annotations: { deploylint.io/gpu: H200-SXM-141GB, deploylint.io/inter-node: ib-ndr-400 } }\nspec:\n  template:\n    spec:\n      containers:\n        - name: v\n          image: vllm/vllm-openai:v0.10.1\n          resources: { limits: { nvidia.com/gpu: 8 } }\n";

        [Fact]
        public void One_pod_per_node_with_data_parallel_size_local_spans_dp_over_local_nodes()
        {
            var p = Linter.Lint(Head + "          args: [--model, deepseek-ai/DeepSeek-R1, --data-parallel-size, \"16\", --data-parallel-size-local, \"8\", --enable-expert-parallel, --max-model-len, \"8192\"]\n", "s.yaml").Deployments[0].Plan!;
            Assert.Equal((2, 8, 16, 16), (p.Nodes, p.GpusPerNode, p.Data, p.Expert));
        }

        [Fact]
        public void Ray_backend_takes_the_missing_gpus_from_the_ray_cluster_with_a_note()
        {
            var result = Linter.Lint(Head + "          args: [--model, meta-llama/Llama-3.1-405B-Instruct, --tensor-parallel-size, \"8\", --pipeline-parallel-size, \"2\", --distributed-executor-backend, ray, --max-model-len, \"8192\"]\n", "s.yaml");
            var p = result.Deployments[0].Plan!;
            Assert.Equal((2, 8), (p.Nodes, p.GpusPerNode));
            Assert.DoesNotContain(result.Active, d => d.Id == "DPL3001");
            Assert.Contains(result.Active, d => d.Id == "DPL0021" && d.Message.Contains("Ray cluster of 2 nodes"));
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class TemplateTests
    {
        [Fact]
        public void A_helm_template_is_skipped_with_a_note_not_reported_as_malformed_yaml()
        {
            // production-stack helm/templates/deployment-vllm-multi.yaml style: Go template actions around the YAML.
            string text = "{{- range $modelSpec := .Values.servingEngineSpec.modelSpec }}\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: vllm\n          command:\n          - \"vllm\"\n          - \"serve\"\n          - {{ $modelSpec.modelURL | quote }}\n          {{- if $modelSpec.vllmConfig }}\n          - \"--max-model-len\"\n          {{- end }}\n{{- end }}\n";
            var result = Linter.Lint(text, "deployment-vllm-multi.yaml");
            var d = Assert.Single(result.Active);
            Assert.Equal(("DPL0020", Severity.Info), (d.Id, d.Severity));
            Assert.Contains("Helm / Go template", d.Message);
        }

        [Fact]
        public void A_template_expression_left_in_a_quoted_value_is_unknown_not_invalid()
        {
            string yaml = "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n" +
                "    - { name: v, image: vllm/vllm-openai:v0.10.1, args: [--model, meta-llama/Llama-3.1-8B-Instruct, --tensor-parallel-size, \"{{ .Values.tp }}\", --max-model-len, \"8192\"], resources: { limits: { nvidia.com/gpu: 1 } } }\n";
            var result = Linter.Lint(yaml, "p.yaml");
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
            Assert.Contains(result.Active, x => x.Id == "DPL0021" && x.Message.Contains("{{ .Values.tp }}"));
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class ProductionStackRayTests
    {
        [Fact]
        public void Ray_spec_spreads_tp_times_pp_over_ray_nodes_of_request_gpu_each()
        {
            string yaml = "servingEngineSpec:\n  modelSpec:\n    - name: llama-70b\n      repository: vllm/vllm-openai\n      tag: v0.10.1\n      modelURL: meta-llama/Llama-3.3-70B-Instruct\n      requestGPU: 4\n" +
                "      vllmConfig: { tensorParallelSize: 4, pipelineParallelSize: 2, maxModelLen: 8192 }\n      raySpec:\n        headNode: { requestCPU: 4, requestGPU: 4 }\n" +
                "      nodeSelectorTerms: [{ matchExpressions: [{ key: nvidia.com/gpu.product, operator: In, values: [NVIDIA-H100-80GB-HBM3] }] }]\n";
            var result = Linter.Lint(yaml, "values.yaml");
            var p = Assert.Single(result.Deployments).Plan!;
            Assert.Equal((2, 4, 4, 2), (p.Nodes, p.GpusPerNode, p.Tensor, p.Pipeline));
            Assert.DoesNotContain(result.Active, d => d.Id == "DPL3001");
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class CommandLineOverrideTests
    {
        private static LintResult Pod(string args) => Linter.Lint(
            "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n" +
            $"    - {{ name: v, image: vllm/vllm-openai:v0.10.1, args: [{args}], resources: {{ limits: {{ nvidia.com/gpu: 1 }} }} }}\n", "p.yaml");

        [Theory]
        // Weights pre-loaded on a volume, the Hub id given to clients (the GKE and production-stack samples' pattern).
        [InlineData("meta-llama/Llama-3.1-8B-Instruct")]
        [InlineData("Llama-3.1-8B-Instruct")]
        public void A_local_model_folder_is_taken_as_the_model_it_is_served_as(string served)
        {
            var result = Pod($"--model, /models/weights, --served-model-name, {served}, --max-model-len, \"8192\"");
            var d = Assert.Single(result.Deployments);
            Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", d.Plan!.ModelId);
            var note = Assert.Single(d.Diagnostics, x => x.Id == "DPL0021");
            Assert.StartsWith("the model is loaded from '/models/weights'; DeployLint takes it to be meta-llama/Llama-3.1-8B-Instruct, the name it is served as", note.Message);
            Assert.Equal((6, 67), (note.Line, note.Column)); // at the path, where the file names the model
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
        }

        [Fact]
        public void A_short_served_alias_names_no_model()
        {
            var result = Pod("--model, /models/weights, --served-model-name, llama");
            Assert.Null(Assert.Single(result.Deployments).Plan);
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
        }

        [Fact]
        public void A_hub_id_is_not_overridden_by_its_served_name()
        {
            var result = Pod("--model, Qwen/Qwen2.5-7B-Instruct, --served-model-name, meta-llama/Llama-3.1-8B-Instruct");
            Assert.Equal("Qwen/Qwen2.5-7B-Instruct", Assert.Single(result.Deployments).Plan!.ModelId);
        }

        [Fact]
        public void Yarn_rope_scaling_on_the_command_line_lifts_the_context_limit_to_a_note()
        {
            // Qwen2.5's model card: --rope-scaling '{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}' --max-model-len 131072.
            var result = Pod("--model, Qwen/Qwen2.5-7B-Instruct, --rope-scaling, '{\"rope_type\":\"yarn\",\"factor\":4.0,\"original_max_position_embeddings\":32768}', --max-model-len, \"131072\"");
            var d = Assert.Single(result.Active, x => x.Id == "DPL4005");
            Assert.Equal(Severity.Info, d.Severity);
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
        }

        [Fact]
        public void Cpu_offload_moves_weights_off_the_gpu()
        {
            // Llama 3.3 70B bf16 needs 131 GiB on one H100; with --cpu-offload-gb 80 it loads (slowly) with room for KV.
            var without = Pod("--model, meta-llama/Llama-3.3-70B-Instruct, --max-model-len, \"4096\"");
            var with = Pod("--model, meta-llama/Llama-3.3-70B-Instruct, --max-model-len, \"4096\", --cpu-offload-gb, \"80\"");
            Assert.Contains(without.Active, x => x.Id == "DPL1001");
            Assert.DoesNotContain(with.Active, x => x.Severity == Severity.Error);
            Assert.Equal(80.0, (with.Deployments[0].Plan!.CpuOffloadBytes) / (double)(1L << 30), 3);
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class AmdNodeTests
    {
        [Fact]
        public void Rocm_labeller_product_name_selects_the_mi300x()
        {
            string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  template:\n    spec:\n      nodeSelector: { amd.com/gpu.product-name: AMD_Instinct_MI300X_OAM }\n" +
                "      containers: [{ name: v, image: rocm/vllm:latest, command: [vllm, serve, meta-llama/Llama-3.3-70B-Instruct, --max-model-len, \"32768\"], resources: { limits: { amd.com/gpu: 1 } } }]\n";
            var result = Linter.Lint(yaml, "d.yaml");
            var p = Assert.Single(result.Deployments).Plan!;
            Assert.Equal(("MI300X-192GB", 1), (p.Gpu.Id, p.GpusPerNode));
            Assert.DoesNotContain(result.Active, d => d.Severity == Severity.Error); // 70B bf16 fits one 192 GB MI300X
        }
    }
}
