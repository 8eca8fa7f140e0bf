using System.Globalization;
using System.Linq;
using DeployLint.Estimation;
using Xunit;
using Xunit.Abstractions;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// vLLM 0.21 and later: the CUDA-graph estimate comes out of the KV budget (gpu_worker.determine_available_memory, on by
    /// default since v0.21.0, vllm-project/vllm#30515), except eager, with VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=0, and on
    /// Model Runner V2 before 0.29 (its profile_cudagraph_memory returned 0: vllm-project/vllm#49224).
    /// </summary>
    public class VllmRecentReleaseTests
    {
        private readonly ITestOutputHelper _output;

        public VllmRecentReleaseTests(ITestOutputHelper output) { _output = output; }

        private static string Plan(string model, string gpu, string version, double gmu, int maxModelLen, string extra = "", int tp = 1) =>
            Lint.Header + $"model: {{ id: {model} }}\nhardware: {{ gpu: {gpu}, gpusPerNode: {tp} }}\nparallelism: {{ tensor: {tp} }}\n" +
            $"serving: {{ engine: vllm, engineVersion: \"{version}\", gpuMemoryUtilization: {gmu.ToString(CultureInfo.InvariantCulture)}, maxModelLen: {maxModelLen}{extra} }}\n";

        private static MemoryEstimate Memory(string yaml) => Assert.Single(Linter.Lint(yaml, "p.deploy.yaml").Deployments).Memory!;

        /// <summary>
        /// vllm-project/vllm#50159 (vLLM 0.26.0, RTX PRO 6000 Blackwell Server Edition): Qwen2.5-0.5B-Instruct, --enforce-eager,
        /// gmu 0.85, max_model_len 8192: "6,908,880 KV tokens for both MRv1 and MRv2".
        /// </summary>
        [Fact]
        public void Eager_qwen_05b_on_rtx_pro_6000_matches_the_logged_kv_tokens()
        {
            var memory = Memory(Plan("Qwen/Qwen2.5-0.5B-Instruct", "RTX-PRO-6000-BLACKWELL-SE-96GB", "0.26.0", 0.85, 8192, ", enforceEager: true"));
            double error = (memory.MaxTokensInKvCache - 6_908_880.0) / 6_908_880.0;
            _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "KV tokens {0} vs 6,908,880 ({1:P2})", memory.MaxTokensInKvCache, error));
            Assert.InRange(System.Math.Abs(error), 0, 0.05);
            Assert.Equal(0, memory.CudaGraphReserveBytes);
        }

        /// <summary>The estimate is subtracted from 0.21 on, and the release lines that did not subtract it are modelled.</summary>
        [Theory]
        [InlineData("0.19.0", "", false)]           // opt-in before 0.21
        [InlineData("0.20.1", "", false)]
        [InlineData("0.21.0", "", true)]            // on by default
        [InlineData("0.25.0", "", true)]            // V1 runner for every model
        [InlineData("0.25.1", "", false)]           // Model Runner V2 for dense models, placeholder estimate 0
        [InlineData("0.28.0", "", false)]
        [InlineData("0.29.0", "", true)]            // V2 for every model, with its own profiler
        [InlineData("0.30.0", ", enforceEager: true", false)]
        public void The_graph_reserve_follows_the_release_line(string version, string extra, bool reserved)
        {
            var memory = Memory(Plan("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", version, 0.9, 8192, extra));
            Assert.Equal(reserved, memory.CudaGraphReserveBytes > 0);
        }

        [Fact]
        public void Moe_models_keep_the_v1_runner_and_its_estimate_between_0_25_1_and_0_29()
        {
            var memory = Memory(Plan("Qwen/Qwen1.5-MoE-A2.7B", "H100-SXM-80GB", "0.27.1", 0.9, 8192));
            Assert.True(memory.CudaGraphReserveBytes > 0);
        }

        [Fact]
        public void The_environment_switch_turns_the_reserve_off()
        {
            string Pod(string value) => "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: llm }\nspec:\n  template:\n    spec:\n      containers:\n" +
                "        - name: vllm\n          image: vllm/vllm-openai:v0.27.1\n          args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"8192\"]\n" +
                $"          env: [{{ name: VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS, value: \"{value}\" }}]\n" +
                "          resources: { limits: { nvidia.com/gpu: 1 } }\n      nodeSelector: { nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3 }\n";
            // Llama is dense: Model Runner V2 in 0.27.1 reserves nothing either way; Qwen1.5-MoE keeps the V1 runner.
            long With(string model, string value) => Assert.Single(Linter.Lint(Pod(value).Replace("meta-llama/Llama-3.1-8B-Instruct", model), "deploy.yaml").Deployments).Memory!.CudaGraphReserveBytes;
            Assert.True(With("Qwen/Qwen1.5-MoE-A2.7B", "1") > 0);
            Assert.Equal(0, With("Qwen/Qwen1.5-MoE-A2.7B", "0"));
        }

        private static double GiBOf(long bytes) => bytes / (double)(1L << 30);

        /// <summary>
        /// The estimator's shape (profile_cudagraph_memory, vllm-project/vllm#45178): the shared first capture (0.03 GiB) plus
        /// (PIECEWISE - 1) graphs x (layers + 1) pieces x 0.41 MiB, MoE x 1.2. Against "Estimated CUDA graph memory: X GiB total":
        /// llm-d-planner's vLLM 0.19 H100 sweep (51 piecewise graphs) and noonghunna/club-3090#104 (5 piecewise graphs, TP 2).
        /// </summary>
        [Theory]
        [InlineData("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", 1, "", 0.03 + 50 * 33 * 0.41 / 1024, 0.84)]
        [InlineData("Qwen/Qwen2.5-7B-Instruct", "H100-SXM-80GB", 1, "", 0.03 + 50 * 29 * 0.41 / 1024, 0.61)]
        [InlineData("Qwen/Qwen2.5-72B-Instruct", "H100-SXM-80GB", 2, "", 0.03 + 50 * 81 * 0.41 / 1024, 1.63)]
        [InlineData("Qwen/Qwen3-30B-A3B", "H100-SXM-80GB", 1, "", 0.03 + 50 * 49 * 0.41 * 1.2 / 1024, 1.24)]
        [InlineData("Qwen/Qwen3.6-27B", "RTX-3090-24GB", 2, ", weights: int4-gptq, maxConcurrentSequences: 8", 0.03 + 4 * 65 * 0.41 / 1024, 0.13)]
        public void The_estimate_follows_the_profilers_extrapolation(string model, string gpu, int tp, string extra, double expectedGiB, double loggedGiB)
        {
            var memory = Memory(Plan(model, gpu, "0.24.0", 0.9, 8192, extra, tp));
            Assert.Equal((long)(expectedGiB * (1L << 30)), memory.CudaGraphReserveBytes);
            _output.WriteLine($"{model}: {GiBOf(memory.CudaGraphReserveBytes):F3} GiB, logged {loggedGiB}");
            Assert.InRange((GiBOf(memory.CudaGraphReserveBytes) - loggedGiB) / loggedGiB, -0.20, 0.05);
        }

        /// <summary>Fewer sequences capture fewer graphs: max_num_seqs 6 gives piecewise sizes 1, 2, 4, 8; tensor parallelism does not change the estimate.</summary>
        [Fact]
        public void The_estimate_scales_with_piecewise_graphs_not_tensor_parallelism()
        {
            var one = Memory(Plan("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", "0.24.0", 0.9, 8192));
            var tp4 = Memory(Plan("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", "0.24.0", 0.9, 8192, tp: 4));
            Assert.Equal(one.CudaGraphReserveBytes, tp4.CudaGraphReserveBytes); // logs: 0.84 and 0.57 GiB
            var few = Memory(Plan("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", "0.24.0", 0.9, 8192, ", maxConcurrentSequences: 6"));
            Assert.Equal((long)((0.03 + 3 * 33 * 0.41 / 1024) * (1L << 30)), few.CudaGraphReserveBytes);
            // MTP with 3 tokens at max_num_seqs 4 captures up to 4 x 4 x 2 = 32: 7 piecewise graphs, as club-3090#44 logged.
            var mtp = Memory(Plan("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", "0.24.0", 0.9, 8192, ", maxConcurrentSequences: 4, speculativeMethod: ngram, speculativeTokens: 3"));
            Assert.Equal((long)((0.03 + 6 * 33 * 0.41 / 1024) * (1L << 30)), mtp.CudaGraphReserveBytes);
            var capped = Memory(Plan("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", "0.24.0", 0.9, 8192, ", cudaGraphMaxBatchSize: 16")); // --max-cudagraph-capture-size 16
            Assert.Equal((long)((0.03 + 4 * 33 * 0.41 / 1024) * (1L << 30)), capped.CudaGraphReserveBytes);
        }

        /// <summary>
        /// MTP speculative decoding (--speculative-config method mtp): vLLM loads the checkpoint's MTP layer as the draft model
        /// (its embedding and head shared with the target) and keeps its KV cache in the same pool. For Qwen3.6-27B at TP 2 the
        /// layer weighs 0.27 GiB per GPU, and the pool's groups grow from 16 to 17 layers: 1 attention group of 17, the 48
        /// state layers padded to 3 x 17 ("Add 3 padding layers", club-3090 logs of this model with MTP).
        /// For context, vllm-project/recipes#810 (vLLM 0.26.1rc1, 2 x RTX 5090, Qwen3.8-27B FP8 with MTP, 262,144 context)
        /// logged 14.28 GiB of weights per GPU and 377,456 KV tokens but states neither its gpu_memory_utilization nor its
        /// draft length; at 0.92 (what a published deployment of the same pair uses) and 3 draft tokens DeployLint gives
        /// 14.45 GiB and 361,758 tokens (-4.2%; -2.5% at 1 token), and without the draft model it gave 403,594 (+6.9%).
        /// </summary>
        [Fact]
        public void An_mtp_draft_layer_joins_the_weights_and_the_pool()
        {
            string plan = Plan("Qwen/Qwen3.6-27B-FP8", "RTX-5090-32GB", "0.26.1", 0.92, 262144, "{0}", tp: 2);
            var without = Memory(plan.Replace("{0}", ""));
            var with = Memory(plan.Replace("{0}", ", speculativeMethod: mtp, speculativeTokens: 3"));
            Assert.Equal(16, without.BindingStage.RecurrentPool!.LayersPerGroup);
            Assert.Equal(17, with.BindingStage.RecurrentPool!.LayersPerGroup);
            Assert.Equal(3, with.BindingStage.RecurrentPool!.StateGroups);
            Assert.InRange(GiBOf(with.WeightsBytes - without.WeightsBytes), 0.26, 0.28);
            Assert.Equal(5, with.BindingStage.RecurrentPool!.StateBlocksPerRequest); // 2 + 3 speculative
            Assert.Equal(361_758, with.MaxTokensInKvCache);
        }

        [Fact]
        public void The_speculative_config_argument_is_read_from_a_pod()
        {
            const string pod = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: llm }\nspec:\n  template:\n    spec:\n      containers:\n" +
                "        - name: vllm\n          image: vllm/vllm-openai:v0.26.1\n" +
                "          args: [--model, Qwen/Qwen3.6-27B-FP8, --tensor-parallel-size, \"2\", --speculative-config, '{\"method\": \"mtp\", \"num_speculative_tokens\": 2}']\n" +
                "          resources: { limits: { nvidia.com/gpu: 2 } }\n      nodeSelector: { nvidia.com/gpu.product: NVIDIA-GeForce-RTX-5090 }\n";
            var plan = Assert.Single(Linter.Lint(pod, "deploy.yaml").Deployments).Plan!;
            Assert.Equal(1, plan.MtpDraftLayers);
            Assert.Equal(2, plan.SpeculativeTokens);
            var bomb = pod.Replace("\"num_speculative_tokens\": 2", "\"num_speculative_tokens\": 999999999999");
            Assert.Equal(1, Assert.Single(Linter.Lint(bomb, "deploy.yaml").Deployments).Plan!.SpeculativeTokens); // unreadable count: one token
        }

        [Theory]
        [InlineData(512, 51)]
        [InlineData(384, 43)]
        [InlineData(256, 35)]
        [InlineData(16, 5)]
        [InlineData(12, 4)]
        [InlineData(1, 1)]
        [InlineData(100_000, 51)]
        public void Capture_sizes_are_vllm_defaults(long limit, int count) => Assert.Equal(count, VllmCudaGraphs.CaptureSizesUpTo(limit));

        [Fact]
        public void No_version_means_the_newest_modelled_release_and_says_so()
        {
            var d = Assert.Single(Linter.Lint(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n", "p.deploy.yaml").Deployments);
            Assert.Equal(Plans.PlanResolver.NewestVllm, d.Plan!.EngineVersion);
            Assert.Equal("vllm 0.30 (newest modelled; no engineVersion given)", d.Plan.EngineDescription);
        }

        [Fact]
        public void Enforce_eager_must_be_a_boolean()
        {
            var d = Lint.Single(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { enforceEager: yes please }\n", "DPL0004");
            Assert.Contains("'enforceEager' must be true or false", d.Message);
            Assert.DoesNotContain(Linter.Lint(Lint.Header + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { enforceEager: false }\n", "p.deploy.yaml").Active, x => x.Id.StartsWith("DPL000", System.StringComparison.Ordinal));
        }
    
        /// <summary>
        /// vLLM 0.29 (Model Runner V2 for every model) samples batch-sharded: the profile run's logits shrink by 1/TP. Llama-3.1-8B
        /// at TP 2 on H100: the sampler over min(1024 sequences, 8192 tokens) rows x 128,256 vocab x 14 bytes dominates the peak,
        /// and each rank now holds 512 of the 1,024 rows, 919,306,240 bytes less.
        /// </summary>
        [Fact]
        public void From_0_29_the_sampler_peak_is_sharded_by_tensor_parallelism()
        {
            var before = Memory(Plan("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", "0.28.0", 0.9, 8192, tp: 2));
            var after = Memory(Plan("meta-llama/Llama-3.1-8B-Instruct", "H100-SXM-80GB", "0.29.0", 0.9, 8192, tp: 2));
            Assert.Equal(512L * 128_256 * 14, before.ActivationBytes - after.ActivationBytes);
        }
    }
}
