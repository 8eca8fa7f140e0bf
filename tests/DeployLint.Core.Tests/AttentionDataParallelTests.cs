using System;
using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Attention data parallelism inside the TP group: SGLang --enable-dp-attention --dp N (attention TP = tp / dp; the KV
    /// heads are divided by it, get_cell_size_per_token) and TensorRT-LLM enable_attention_dp (every rank its own
    /// attention). Attention weights are sharded over the attention TP group only; each rank keeps its own requests' KV.
    /// </summary>
    public class AttentionDataParallelTests
    {
        private static DeploymentResult Sglang(string model, string extra) =>
            Assert.Single(Linter.Lint("apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H200-SXM-141GB } }\nspec:\n  containers:\n    - name: s\n" +
                                      "      image: lmsysorg/sglang:v0.5.12-cu130\n" +
                                      $"      command: [python3, -m, sglang.launch_server, --model-path, {model}, --tp, \"8\", --ep-size, \"8\"{extra}]\n" +
                                      "      resources: { limits: { nvidia.com/gpu: 8 } }\n", "p.yaml").Deployments);

        [Fact]
        public void Sglang_dp_attention_replicates_mla_attention_and_reserves_its_padding()
        {
            var tp = Sglang("deepseek-ai/DeepSeek-R1", "");
            var dpa = Sglang("deepseek-ai/DeepSeek-R1", ", --dp, \"8\", --enable-dp-attention");
            Assert.Equal((8, 1), (dpa.Plan!.AttentionData, dpa.Plan.AttentionTensorParallel));
            Assert.Equal((1, 8), (tp.Plan!.AttentionData, tp.Plan.AttentionTensorParallel));
            // q_b, kv_b and o_proj (172,490,752 parameters a layer, FP8 with 128x128 block scales) stop being split 8 ways.
            double extraGiB = (dpa.Memory!.WeightsBytes - tp.Memory!.WeightsBytes) / (double)(1L << 30);
            Assert.InRange(extraGiB, 8.4, 8.7);
            // The MLA latent is one head on every rank either way.
            Assert.Equal(70_272, dpa.Memory.KvBytesPerToken);
            // reserve = 512 + 8,192 x 1.5 + 512 x 2 + 8 / 8 x 1,024 + 512 x 8 x 3 + 512 x 8 x 1.5 = 33,280 MiB of 143,771.
            Assert.Equal(0.769, dpa.Plan.GpuMemoryUtilization, 3);
            // Eight ranks, eight pools: a request of maxModelLen 163,840 tokens takes 163,840 x 70,272 bytes of one rank's pool.
            Assert.Equal(8.0 * dpa.Memory.KvCacheBytes / (163_840L * 70_272), dpa.Memory.ConcurrencyAtMaxModelLen, 6);
            Assert.Equal(1.0 * tp.Memory.KvCacheBytes / (163_840L * 70_272), tp.Memory.ConcurrencyAtMaxModelLen, 6);
        }

        [Fact]
        public void Sglang_dp_attention_keeps_every_kv_head_of_a_gqa_model_on_each_rank()
        {
            // Qwen3-235B-A22B: 94 layers, 4 KV heads of 128. TP 8 replicates one head per GPU; attention TP 1 holds all four.
            var tp = Sglang("Qwen/Qwen3-235B-A22B-FP8", "");
            var dpa = Sglang("Qwen/Qwen3-235B-A22B-FP8", ", --dp, \"8\", --enable-dp-attention");
            Assert.Equal(94 * 1 * 256 * 2, tp.Memory!.KvBytesPerToken);
            Assert.Equal(94 * 4 * 256 * 2, dpa.Memory!.KvBytesPerToken);
        }

        /// <summary>Each rank runs attention on its own requests: no attention all-reduce, its own KV reads, its own tokens dispatched.</summary>
        [Fact]
        public void The_time_model_drops_the_attention_all_reduce_and_adds_the_expert_dispatch()
        {
            string Manifest(string dp) => Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }\nhardware: { gpu: H200-SXM-141GB, gpusPerNode: 8 }\n" +
                                          $"parallelism: {{ tensor: 8, expert: 8{dp} }}\nserving: {{ engine: sglang, maxModelLen: 4096, maxConcurrentSequences: 64 }}\n";
            var tp = Lint.Text(Manifest("")).Deployments[0].Time!;
            var dpa = Lint.Text(Manifest(", attentionData: 8")).Deployments[0].Time!;
            Assert.True(tp.DecodeTensorParallelSeconds > 0);
            // EP inside the TP group: every rank holds every token after attention; the TP all-reduce is the combine.
            Assert.Equal(0, tp.DecodeExpertParallelSeconds);
            Assert.Null(tp.ExpertParallelLink);
            // Attention DP: a rank holds only its own requests' tokens, so they are dispatched to the experts' ranks.
            Assert.Equal(0, dpa.DecodeTensorParallelSeconds);
            Assert.True(dpa.DecodeExpertParallelSeconds > 0);
            Assert.Equal("nvlink4", dpa.ExpertParallelLink!.Id);
        }

        [Fact]
        public void Attention_data_parallelism_that_does_not_divide_tp_is_ignored()
        {
            var plan = Lint.Text(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }\nhardware: { gpu: H200-SXM-141GB, gpusPerNode: 8 }\n" +
                                 "parallelism: { tensor: 8, attentionData: 3 }\n").Deployments[0].Plan!;
            Assert.Equal((1, 8), (plan.AttentionData, plan.AttentionTensorParallel));
        }

        [Fact]
        public void Tensorrt_llm_enable_attention_dp_comes_from_its_file()
        {
            string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  config.yaml: |\n    tensor_parallel_size: 8\n    moe_expert_parallel_size: 8\n    enable_attention_dp: true\n---\n" +
                          "apiVersion: v1\nkind: Pod\nmetadata: { name: w, annotations: { deploylint.io/gpu: B200-180GB } }\nspec:\n  containers:\n    - name: main\n" +
                          "      image: nvcr.io/nvidia/tensorrt-llm/release:1.0.0\n      command: [trtllm-serve, nvidia/DeepSeek-R1-FP4, --extra_llm_api_options, /cfg/config.yaml]\n" +
                          "      volumeMounts: [{ name: v, mountPath: /cfg }]\n      resources: { limits: { nvidia.com/gpu: 8 } }\n  volumes: [{ name: v, configMap: { name: c } }]\n";
            var plan = Assert.Single(Linter.Lint(yaml, "p.yaml").Deployments).Plan!;
            Assert.Equal((8, 8, 1), (plan.Tensor, plan.AttentionData, plan.AttentionTensorParallel));
            var off = Assert.Single(Linter.Lint(yaml.Replace("enable_attention_dp: true", "enable_attention_dp: false"), "p.yaml").Deployments).Plan!;
            Assert.Equal(1, off.AttentionData);
        }
    }
}
