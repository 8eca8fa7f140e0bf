using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>Engine config files that a ConfigMap in the same file provides through a volume mount are read as the engine reads them.</summary>
    public class EngineConfigFileTests
    {
        /// <summary>
        /// A trtllm-serve pod that mounts ConfigMap 'trt' at /cfg and passes /cfg/agg.yaml, whose lines (indented four
        /// spaces) start on line 6, as its LLM API options.
        /// </summary>
        private static string TrtllmWithConfig(string aggYaml, string gpu = "H100-SXM-80GB", string image = "release:1.0.0",
            string args = "meta-llama/Llama-3.1-8B-Instruct", int gpus = 1) =>
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: trt }\ndata:\n  agg.yaml: |\n" + aggYaml + "---\n" +
            $"apiVersion: v1\nkind: Pod\nmetadata: {{ name: p, annotations: {{ deploylint.io/gpu: {gpu} }} }}\nspec:\n  containers:\n    - name: trt\n      image: nvcr.io/nvidia/tensorrt-llm/{image}\n" +
            $"      command: [trtllm-serve, {args}, --extra_llm_api_options, /cfg/agg.yaml]\n" +
            $"      volumeMounts: [{{ name: c, mountPath: /cfg }}]\n      resources: {{ limits: {{ nvidia.com/gpu: {gpus} }} }}\n  volumes: [{{ name: c, configMap: {{ name: trt }} }}]\n";

        [Fact]
        public void A_dynamo_tensorrt_llm_graph_takes_its_layout_and_budget_from_the_mounted_configmap()
        {
            var result = Lint.RepoFile("tests/DeployLint.Core.Tests/Readers/dynamo-trtllm-configmap.yaml");
            var deployment = Assert.Single(result.Deployments);
            var plan = deployment.Plan!;
            Assert.Equal((8, 1, 8), (plan.Tensor, plan.Pipeline, plan.Expert));
            Assert.Equal(0.8, plan.GpuMemoryUtilization);
            Assert.Equal(8192, plan.MaxBatchedTokens);
            Assert.Equal("fp8-e4m3", plan.KvCacheFormat);
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("live inside the container"));
            // A diagnostic about a setting of the file lands on that setting inside the ConfigMap's embedded YAML.
            var crowded = Assert.Single(result.Diagnostics, d => d.Id == "DPL1004");
            Assert.Equal((18, 21), (crowded.Line, crowded.Column));
        }

        private const string VllmWithConfig =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: vllm-config }\ndata:\n  serve.yaml: |\n    tensor-parallel-size: 4\n    max_model_len: 65536\n    gpu-memory-utilization: 0.85\n---\n" +
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: llama, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  template:\n    spec:\n" +
            "      containers:\n        - name: vllm\n          image: vllm/vllm-openai:v0.10.1\n" +
            "          command: [vllm, serve, meta-llama/Llama-3.3-70B-Instruct, --config, /etc/vllm/serve.yaml, EXTRA_ARGS]\n" +
            "          volumeMounts: [{ name: cfg, mountPath: /etc/vllm/serve.yaml, subPath: serve.yaml }]\n" +
            "          resources: { limits: { nvidia.com/gpu: 4 } }\n      volumes: [{ name: cfg, configMap: { name: vllm-config } }]\n";

        [Fact]
        public void A_vllm_config_file_mounted_by_subpath_is_read_and_the_command_line_wins_over_it()
        {
            var plan = Assert.Single(Linter.Lint(VllmWithConfig.Replace("EXTRA_ARGS", "--max-model-len, \"8192\""), "d.yaml").Deployments).Plan!;
            Assert.Equal(4, plan.Tensor);
            Assert.Equal(0.85, plan.GpuMemoryUtilization);
            Assert.Equal(8192, plan.MaxModelLen);
        }

        [Theory]
        [InlineData("enforce-eager: false", false)]
        [InlineData("enforce_eager: true", true)]
        public void A_boolean_in_a_config_file_is_read_as_its_value(string line, bool eager)
        {
            var plan = Assert.Single(Linter.Lint(VllmWithConfig.Replace("    max_model_len: 65536\n", "    max_model_len: 65536\n    " + line + "\n").Replace("EXTRA_ARGS", "--max-model-len, \"8192\""), "d.yaml").Deployments).Plan!;
            Assert.Equal(eager, plan.EnforceEager);
        }

        [Fact]
        public void Tensorrt_llm_applies_its_file_over_its_command_line()
        {
            string yaml = TrtllmWithConfig("    tensor_parallel_size: 4\n", args: "meta-llama/Llama-3.3-70B-Instruct, --tp_size, \"2\"", gpus: 4);
            var plan = Assert.Single(Linter.Lint(yaml, "p.yaml").Deployments).Plan!;
            Assert.Equal(4, plan.Tensor);
        }

        [Fact]
        public void Tensorrt_llm_cuda_graph_batch_comes_from_its_file()
        {
            string yaml = TrtllmWithConfig("    cuda_graph_config:\n      max_batch_size: 512\n      enable_padding: true\n");
            var plan = Assert.Single(Linter.Lint(yaml, "p.yaml").Deployments).Plan!;
            Assert.Equal(512L, plan.CudaGraphMaxBatchSize);
            Assert.Equal(512L * 128_256 * 4, DeployLint.Estimation.MemoryEstimator.TrtllmGraphPoolBytes(plan)); // max_batch_size 2048 allows it
        }

        /// <summary>InferenceX's DeepSeek-R1 FP8 recipe for B200 at 64 clients (benchmarks/single_node/fixed_seq_len/dsr1_fp8_b200_trt.sh).</summary>
        [Fact]
        public void Tensorrt_llm_batch_waiting_and_piecewise_prefill_graphs_come_from_its_file()
        {
            string yaml = TrtllmWithConfig("    batch_wait_timeout_iters: 40\n    batch_wait_max_tokens_ratio: 0.8\n    torch_compile_config:\n      enable_piecewise_cuda_graph: true\n");
            var plan = Assert.Single(Linter.Lint(yaml, "p.yaml").Deployments).Plan!;
            Assert.Equal(40, plan.BatchWaitIterations);
            Assert.Equal(0.8, plan.BatchWaitTokenRatio);
            Assert.True(plan.PrefillCudaGraphs);
            Assert.False(DeployLint.Estimation.TimeEstimator.RunsWithoutGraph(plan, isPrefill: true));

            var off = Assert.Single(Linter.Lint(yaml.Replace("enable_piecewise_cuda_graph: true", "enable_piecewise_cuda_graph: false"), "p.yaml").Deployments).Plan!;
            Assert.False(off.PrefillCudaGraphs);
            Assert.True(DeployLint.Estimation.TimeEstimator.RunsWithoutGraph(off, isPrefill: true));
        }

        /// <summary>
        /// InferenceX's DeepSeek-R1 recipes under attention DP (dsr1_fp8_h200_trt.sh): enable_attention_dp with
        /// attention_dp_config { batching_wait_iters: 0, enable_balance: true, timeout_iters: 60 }.
        /// </summary>
        [Fact]
        public void Tensorrt_llm_attention_dp_balancing_comes_from_its_file()
        {
            string yaml = TrtllmWithConfig("    enable_attention_dp: true\n    attention_dp_config:\n      batching_wait_iters: 0\n      enable_balance: true\n      timeout_iters: 60\n", gpu: "H200-SXM-141GB", image: "release:1.2.0", args: "deepseek-ai/DeepSeek-R1, --tp_size, \"8\", --ep_size, \"8\"", gpus: 8);
            var plan = Assert.Single(Linter.Lint(yaml, "p.yaml").Deployments).Plan!;
            Assert.Equal(8, plan.AttentionData);
            Assert.True(plan.AttentionDpBalance);
            Assert.Equal(60, plan.AttentionDpTimeoutIterations);
            Assert.Equal(0, plan.AttentionDpBatchingWaitIterations);

            // Without the file's section, AttentionDpConfig's defaults: balance off, 50 and 10 iterations.
            var defaults = Assert.Single(Linter.Lint(yaml.Replace("    attention_dp_config:\n      batching_wait_iters: 0\n      enable_balance: true\n      timeout_iters: 60\n", ""), "p.yaml").Deployments).Plan!;
            Assert.False(defaults.AttentionDpBalance);
            Assert.Equal(50, defaults.AttentionDpTimeoutIterations);
            Assert.Equal(10, defaults.AttentionDpBatchingWaitIterations);
        }

        [Fact]
        public void A_batch_wait_ratio_above_one_is_reported_at_its_value()
        {
            string yaml = TrtllmWithConfig("    batch_wait_max_tokens_ratio: 1.5\n");
            var result = Linter.Lint(yaml, "p.yaml");
            var bad = Assert.Single(result.Diagnostics, d => d.Message.Contains("batch-wait-max-tokens-ratio"));
            Assert.Equal("DPL0004", bad.Id);
            Assert.Equal((6, 34), (bad.Line, bad.Column));
            Assert.Equal(0.0, Assert.Single(result.Deployments).Plan!.BatchWaitTokenRatio);
        }

        [Fact]
        public void A_config_file_no_configmap_of_the_file_provides_is_still_said_to_be_unread()
        {
            var result = Linter.Lint(VllmWithConfig.Replace("EXTRA_ARGS", "--max-model-len, \"8192\"").Replace("name: vllm-config }\ndata", "name: other }\ndata"), "d.yaml");
            Assert.Contains(result.Diagnostics, d => d.Id == "DPL0021" && d.Message.Contains("live inside the container and are not read"));
            Assert.Null(Assert.Single(result.Deployments).Plan);
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>Container env from ConfigMaps of the same file: envFrom (with its prefix) and valueFrom.configMapKeyRef.</summary>
    public class ConfigMapEnvironmentTests
    {
        private const string File =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: serving }\ndata:\n  MODEL: meta-llama/Llama-3.3-70B-Instruct\n  TP: \"3\"\n---\n" +
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: llama, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  template:\n    spec:\n      containers:\n" +
            "        - name: vllm\n          image: vllm/vllm-openai:v0.10.1\n          command: [sh, -c, \"vllm serve $MODEL --tensor-parallel-size ${VLLM_TP}\"]\n" +
            "          ENV\n          resources: { limits: { nvidia.com/gpu: 3 } }\n";

        [Fact]
        public void EnvFrom_with_a_prefix_and_a_configmap_key_ref_feed_the_command_line()
        {
            string yaml = File.Replace("ENV", "envFrom: [{ configMapRef: { name: serving } }]\n          env: [{ name: VLLM_TP, valueFrom: { configMapKeyRef: { name: serving, key: TP } } }]");
            var result = Linter.Lint(yaml, "d.yaml");
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL4001");
            Assert.Equal(17, d.Line);
            Assert.Contains("meta-llama/Llama-3.3-70B-Instruct can use TP 1, 2, 4, 8", d.Message);
        }

        [Fact]
        public void A_secret_reference_stays_unknown()
        {
            string yaml = File.Replace("ENV", "env: [{ name: VLLM_TP, valueFrom: { secretKeyRef: { name: s, key: TP } } }, { name: MODEL, value: meta-llama/Llama-3.3-70B-Instruct }]");
            var result = Linter.Lint(yaml, "d.yaml");
            Assert.DoesNotContain(result.Diagnostics, x => x.Id == "DPL4001");
            Assert.Contains(result.Diagnostics, x => x.Id == "DPL0021" && x.Message.StartsWith("--tensor-parallel-size is ${VLLM_TP}, which this file does not define"));
        }
    }
}
