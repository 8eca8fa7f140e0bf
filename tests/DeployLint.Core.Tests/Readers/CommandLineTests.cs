using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>Engine command lines wherever they sit: argv lists, sh -c strings, --flag=value, underscores, variables.</summary>
    public class CommandLineTests
    {
        private static LintResult Lint(string yaml) => Linter.Lint(yaml, "deploy.yaml");

        private static string Pod(string container, string podExtras = "") =>
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    deploylint.io/gpu: H100-SXM-80GB\nspec:\n" + podExtras + "  containers:\n" + container;

        [Fact]
        public void Words_of_a_shell_script_keep_quotes_out_and_operators_apart()
        {
            var words = DeployLint.Manifests.Readers.ShellWords.Split("a 'b c' \"d\\\"e\" f\\ g && h; i # comment\nj");
            Assert.Equal(new[] { "a", "b c", "d\"e", "f g", "&&", "h", ";", "i", "\n", "j" }, words.Select(w => w.Text));
        }

        [Fact]
        public void Diagnostic_inside_a_sh_c_string_lands_on_the_value_itself()
        {
            string yaml = Pod("    - name: vllm\n      image: vllm/vllm-openai:v0.10.1\n      command: [\"sh\", \"-c\", \"pip list; vllm serve meta-llama/Llama-3.3-70B-Instruct --tensor-parallel-size 3\"]\n      resources: { limits: { nvidia.com/gpu: 3 } }\n");
            var d = Assert.Single(Lint(yaml).Active, x => x.Id == "DPL4001");
            Assert.Equal((11, 108), (d.Line, d.Column));
        }

        [Fact]
        public void Multi_line_folded_script_maps_words_to_their_own_line()
        {
            string yaml = Pod("    - name: vllm\n      image: vllm/vllm-openai:v0.10.1\n      command: [/bin/sh, -c]\n      args:\n        - |\n          exec vllm serve meta-llama/Llama-3.3-70B-Instruct \\\n            --max-model-len 8192 \\\n            --tensor-parallel-size 3\n      resources: { limits: { nvidia.com/gpu: 3 } }\n");
            var d = Assert.Single(Lint(yaml).Active, x => x.Id == "DPL4001");
            Assert.Equal((16, 36), (d.Line, d.Column));
        }

        [Fact]
        public void Equals_form_underscores_short_aliases_and_kubernetes_variables_are_read()
        {
            string yaml = Pod("    - name: vllm\n      image: vllm/vllm-openai:v0.9.2\n      command: [python3, -m, vllm.entrypoints.openai.api_server]\n      args: [\"--model=$(M)\", --pipeline_parallel_size, \"2\", -tp, \"4\", --gpu-memory-utilization=0.85, --max-model-len=32k, --kv-cache-dtype, fp8, --enable-expert-parallel]\n      env: [{ name: M, value: Qwen/Qwen3-30B-A3B }]\n      resources: { limits: { nvidia.com/gpu: \"8\" } }\n");
            var p = Assert.Single(Lint(yaml).Deployments).Plan!;
            Assert.Equal(("Qwen/Qwen3-30B-A3B", 4, 2, 1, 4), (p.ModelId, p.Tensor, p.Pipeline, p.Data, p.Expert));
            Assert.Equal((0.85, 32000L, "fp8-e4m3", "0.9.2"), (p.GpuMemoryUtilization, p.MaxModelLen, p.KvCacheFormat, p.EngineVersion));
        }

        [Fact]
        public void Unresolved_variable_is_a_note_and_the_engine_default_is_used()
        {
            string yaml = Pod("    - name: vllm\n      image: vllm/vllm-openai:latest\n      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"$(MAX_LEN)\"]\n      resources: { limits: { nvidia.com/gpu: 1 } }\n");
            var result = Lint(yaml);
            var note = Assert.Single(result.Active, x => x.Id == "DPL0021");
            Assert.Contains("$(MAX_LEN)", note.Message);
            Assert.Equal(131072, result.Deployments[0].Plan!.MaxModelLen);
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
        }

        [Fact]
        public void Shell_variables_expand_from_the_container_env_with_defaults()
        {
            string yaml = Pod("    - name: sglang\n      image: lmsysorg/sglang:latest\n      command: [bash, -c, \"python3 -m sglang.launch_server --model-path $MODEL --tp ${TP:-2} --context-length ${CTX}\"]\n      env: [{ name: MODEL, value: Qwen/Qwen2.5-7B-Instruct }, { name: CTX, value: \"8192\" }]\n      resources: { limits: { nvidia.com/gpu: 2 } }\n");
            var p = Assert.Single(Lint(yaml).Deployments).Plan!;
            Assert.Equal(("sglang", "Qwen/Qwen2.5-7B-Instruct", 2, 8192L), (p.EngineName, p.ModelId, p.Tensor, p.MaxModelLen));
        }

        [Fact]
        public void Sglang_short_ep_takes_its_value()
        {
            // SGLang's --ep is --ep-size (a number); vLLM's -ep is the --enable-expert-parallel switch.
            string yaml = Pod("    - name: s\n      image: lmsysorg/sglang:latest\n      command: [python3, -m, sglang.launch_server, --model-path, Qwen/Qwen3-30B-A3B, --tp, \"4\", --ep, \"4\"]\n      resources: { limits: { nvidia.com/gpu: 4 } }\n");
            var p = Assert.Single(Lint(yaml).Deployments).Plan!;
            Assert.Equal((4, 4), (p.Tensor, p.Expert));
        }

        [Fact]
        public void Trtllm_serve_reads_its_underscore_flags()
        {
            string yaml = Pod("    - name: trt\n      image: nvcr.io/nvidia/tensorrt-llm/release:1.0.0\n      command: [trtllm-serve, meta-llama/Llama-3.1-8B-Instruct, --tp_size, \"2\", --kv_cache_free_gpu_memory_fraction, \"0.8\", --max_seq_len, \"16384\"]\n      resources: { limits: { nvidia.com/gpu: 2 } }\n");
            var p = Assert.Single(Lint(yaml).Deployments).Plan!;
            Assert.Equal(("trtllm", 2, 0.8, 16384L), (p.EngineName, p.Tensor, p.GpuMemoryUtilization, p.MaxModelLen));
        }

        [Fact]
        public void Pod_with_more_gpus_than_the_layout_uses_is_a_warning_not_an_error()
        {
            string yaml = Pod("    - name: vllm\n      image: vllm/vllm-openai:v0.10.1\n      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"8192\"]\n      resources: { limits: { nvidia.com/gpu: 4 } }\n");
            var d = Assert.Single(Lint(yaml).Active, x => x.Id == "DPL3001");
            Assert.Equal(Severity.Warning, d.Severity);
            Assert.Contains("3 GPU(s) stay idle", d.Message);
        }

        /// <summary>
        /// vLLM's per-token-head caches (fp8_per_token_head, int8_per_token_head) hold 8-bit values: sized as such, with a
        /// note that their scales are left out. A KV format DeployLint does not model (nvfp4 here) was silently sized as
        /// bf16 before; it still is, the conservative side, but now says so at the flag.
        /// </summary>
        [Theory]
        [InlineData("fp8_per_token_head", "fp8-e4m3", "is sized as an 8-bit cache")]
        [InlineData("int8_per_token_head", "int8", "is sized as an 8-bit cache")]
        [InlineData("nvfp4", "bf16", "is not a KV cache format DeployLint models")]
        public void Kv_cache_dtypes_beyond_fp8_are_sized_and_say_how(string dtype, string format, string note)
        {
            string yaml = Pod($"    - name: vllm\n      image: vllm/vllm-openai:v0.26.0\n      command: [vllm, serve, meta-llama/Llama-3.1-8B-Instruct, --kv-cache-dtype, {dtype}]\n      resources: {{ limits: {{ nvidia.com/gpu: 1 }} }}\n");
            var result = Lint(yaml);
            Assert.Equal(format, Assert.Single(result.Deployments).Plan!.KvCacheFormat);
            var d = Assert.Single(result.Diagnostics, x => x.Id == "DPL0021");
            Assert.Contains($"--kv-cache-dtype {dtype} {note}", d.Message);
            Assert.Equal((11, 82), (d.Line, d.Column));
        }
    }

    /// <summary>What is and is not read: unknown kinds, ignore comments, hardware from labels and instance types.</summary>
    public class ReaderSelectionTests
    {
        private static LintResult Lint(string yaml) => Linter.Lint(yaml, "deploy.yaml");

        [Fact]
        public void Unknown_kinds_and_engine_less_workloads_are_skipped_silently_beside_a_checked_one()
        {
            string yaml = "apiVersion: v1\nkind: Service\nmetadata: { name: s }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers: [{ name: nginx, image: nginx }]\n---\n" +
                "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  nodeSelector: { node.kubernetes.io/instance-type: g6e.xlarge }\n  containers: [{ name: v, image: vllm/vllm-openai:v0.10.1, args: [--model, Qwen/Qwen2.5-7B-Instruct, --max-model-len, \"16384\"] }]\n";
            var result = Lint(yaml);
            var d = Assert.Single(result.Deployments);
            Assert.Equal(("L40S-48GB", 1), (d.Plan!.Gpu.Id, d.Plan.GpusPerNode)); // instance type g6e.xlarge = 1 x L40S
            Assert.Empty(result.Active);
        }

        [Fact]
        public void Ignore_comment_skips_the_document()
        {
            string yaml = "# deploylint: ignore\napiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: v, image: vllm/vllm-openai, args: [--model, meta-llama/Llama-3.3-70B-Instruct, -tp, \"3\"] }]\n";
            var result = Lint(yaml);
            Assert.Empty(result.Deployments);
            Assert.Empty(result.Active);
        }

        [Fact]
        public void Affinity_that_allows_two_gpu_types_is_not_guessed()
        {
            string yaml = "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n" +
                "          - matchExpressions: [{ key: nvidia.com/gpu.product, operator: In, values: [NVIDIA-L4, NVIDIA-L40S] }]\n  containers: [{ name: v, image: vllm/vllm-openai, args: [--model, meta-llama/Llama-3.1-8B-Instruct] }]\n";
            var result = Lint(yaml);
            Assert.False(result.Deployments[0].Plan!.HardwareKnown);
            var note = Assert.Single(result.Active, x => x.Id == "DPL0021");
            Assert.Contains("L4-24GB or L40S-48GB", note.Message);
        }

        [Fact]
        public void Native_manifest_is_still_read_by_the_binder()
        {
            var result = Lint("apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n");
            Assert.Null(Assert.Single(result.Deployments).Manifest.Origin);
        }

        [Fact]
        public void Content_detection_finds_engine_workloads_but_not_catalog_data()
        {
            Assert.True(DeployLint.Manifests.Readers.DeploymentReaders.LooksRelevant("apiVersion: apps/v1\nkind: Deployment\nspec:\n  command: [vllm, serve]"));
            Assert.True(DeployLint.Manifests.Readers.DeploymentReaders.LooksRelevant("services:\n  x:\n    image: lmsysorg/sglang"));
            Assert.False(DeployLint.Manifests.Readers.DeploymentReaders.LooksRelevant("links:\n  - { id: nvlink4, source: vllm docs }"));
            // A GitHub workflow whose job runs a vLLM service container: services: is nested, not a compose file.
            Assert.False(DeployLint.Manifests.Readers.DeploymentReaders.LooksRelevant("on: push\njobs:\n  test:\n    services:\n      llm:\n        image: vllm/vllm-openai\n"));
        }
    }
}

namespace DeployLint.Core.Tests.Readers
{
    public class AnnotationSuppressionTests
    {
        [Fact]
        public void Suppress_annotation_suppresses_with_its_reason_and_flags_a_missing_reason()
        {
            string yaml = "apiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata:\n  name: bench\n  annotations:\n" +
                "    deploylint.io/suppress: \"DPL3002: this benchmark measures TP across nodes on purpose; DPL5001\"\nspec:\n  leaderWorkerTemplate:\n    size: 2\n    workerTemplate:\n      spec:\n" +
                "        containers: [{ name: s, image: lmsysorg/sglang:latest, command: [python3, -m, sglang.launch_server, --model-path, meta-llama/Llama-3.1-8B-Instruct, --tp, \"2\"], resources: { limits: { nvidia.com/gpu: 1 } } }]\n";
            var result = Linter.Lint(yaml, "bench.yaml");
            var suppressed = Assert.Single(result.Diagnostics, d => d.Id == "DPL3002");
            Assert.Equal("this benchmark measures TP across nodes on purpose", suppressed.SuppressionReason);
            var missing = Assert.Single(result.Active, d => d.Id == "DPL0011");
            Assert.Equal((6, 91), (missing.Line, missing.Column));
        }

    }
}
