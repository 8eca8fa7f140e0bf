using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>
    /// Real public deployment files (copied into Readers/Corpus with their source and what really happened in each header):
    /// the ones that ran raise no error and are read as their engine ran them; the ones that failed raise the rule their
    /// real failure falls under, on the value that caused it.
    /// </summary>
    public class CorpusTests
    {
        private static LintResult LintCorpus(string file) => Lint.RepoFile("tests/DeployLint.Core.Tests/Readers/Corpus/" + file);

        [Theory]
        [InlineData("01-lws-vllm-llama31-405b-tp8-pp2.yaml")]
        [InlineData("02-lws-sglang-llama31-8b-tp2-2nodes.yaml")]
        [InlineData("05-dynamo-vllm-llama33-70b-fp8-disagg-tp8.yaml")]
        [InlineData("13-gke-vllm-gemma3-27b-tp2-a100-40gb.yaml")]
        public void Working_deployment_raises_no_error(string file)
        {
            var result = LintCorpus(file);
            Assert.DoesNotContain(result.Active, d => d.Severity == Severity.Error);
        }

        [Fact]
        public void Lws_vllm_405b_is_read_as_tp8_pp2_over_two_8_gpu_nodes()
        {
            // lws docs/examples/vllm/GPU: "2 pods (pipeline_parallel_size=2) and 8 GPUs per pod (tensor_parallel_size=8)".
            var d = Assert.Single(LintCorpus("01-lws-vllm-llama31-405b-tp8-pp2.yaml").Deployments);
            var p = d.Plan!;
            Assert.Equal(("meta-llama/Llama-3.1-405B-Instruct", 2, 8, 8, 2, 1), (p.ModelId, p.Nodes, p.GpusPerNode, p.Tensor, p.Pipeline, p.Data));
            Assert.Equal(("vllm", "0.8.5", 131072L), (p.EngineName, p.EngineVersion, p.MaxModelLen));
            Assert.False(p.HardwareKnown);
            var note = Assert.Single(d.Diagnostics, x => x.Id == "DPL0021");
            Assert.Equal((41, 33), (note.Line, note.Column)); // nvidia.com/gpu: "8" of the leader
        }

        [Fact]
        public void Lws_sglang_8b_tp2_across_two_one_gpu_pods_warns_that_tp_spans_nodes()
        {
            var result = LintCorpus("02-lws-sglang-llama31-8b-tp2-2nodes.yaml");
            var p = Assert.Single(result.Deployments).Plan!;
            Assert.Equal(("sglang", 2, 1, 2), (p.EngineName, p.Nodes, p.GpusPerNode, p.Tensor));
            var d = Assert.Single(result.Active, x => x.Id == "DPL3002");
            Assert.Equal((30, 17), (d.Line, d.Column)); // the "2" after --tp
        }

        [Fact]
        public void Dynamo_disaggregated_graph_gives_one_deployment_per_worker()
        {
            var result = LintCorpus("05-dynamo-vllm-llama33-70b-fp8-disagg-tp8.yaml");
            Assert.Equal(new[] { "llama3-70b-disagg-mn/VllmPrefillWorker", "llama3-70b-disagg-mn/VllmDecodeWorker" }, result.Deployments.Select(d => d.Name));
            var prefill = result.Deployments[0].Plan!;
            var decode = result.Deployments[1].Plan!;
            // --model is $MODEL_PATH (set outside the file); the served model name names the checkpoint.
            Assert.Equal("RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic", prefill.ModelId);
            Assert.Equal((8, 8, 0.95, 128), (prefill.Tensor, prefill.GpusPerNode, prefill.GpuMemoryUtilization, prefill.BlockSize));
            Assert.Equal((8, 0.90), (decode.Tensor, decode.GpuMemoryUtilization));
            Assert.Equal("fp8-e4m3", prefill.WeightsFormat);
        }

        [Fact]
        public void Gke_gemma3_on_a100_40gb_reads_the_node_label_and_expands_model_id()
        {
            var result = LintCorpus("13-gke-vllm-gemma3-27b-tp2-a100-40gb.yaml");
            var d = Assert.Single(result.Deployments);
            var p = d.Plan!;
            // nvidia-tesla-a100 is GKE's A100 40GB; --model=$(MODEL_ID) expands from the container env.
            Assert.Equal(("google/gemma-3-27b-it", "A100-SXM-40GB", 2, 2), (p.ModelId, p.Gpu.Id, p.Tensor, p.GpusPerNode));
            Assert.Equal((0.95, 4096L, 4L), (p.GpuMemoryUtilization, p.MaxModelLen, p.MaxConcurrentSequences));
            Assert.Equal((38, 11), (d.Manifest.Model.Id!.Span.StartLine, d.Manifest.Model.Id.Span.StartColumn));
            // The tight fit the tutorial chose starts: 25.6 GiB of weights per GPU leave KV for many 4,096-token requests.
            Assert.InRange(d.Memory!.WeightsBytes / (double)(1L << 30), 25.0, 26.2);
            Assert.True(d.Memory.ConcurrencyAtMaxModelLen >= 4);
        }

        [Theory]
        [InlineData("18-BAD-vllm-llama-33b-tp3-3xv100-heads-not-divisible.yaml", "DPL4001", 13, 19)]
        [InlineData("21-BAD-vllm-gpt-oss-120b-single-h100-negative-kv.yaml", "DPL1003", 24, 14)]
        [InlineData("23-BAD-vllm-r1-distill-qwen14b-2x4090-maxlen-too-long.yaml", "DPL1003", 15, 14)]
        [InlineData("30-BAD-vllm-qwen3-235b-a22b-fp8-tp8-block-quant.yaml", "DPL4008", 16, 19)]
        public void Failing_plan_raises_the_rule_of_its_real_failure(string file, string id, int line, int column)
        {
            var result = LintCorpus(file);
            var d = Assert.Single(result.Active, x => x.Id == id);
            Assert.Equal((Severity.Error, line, column), (d.Severity, d.Line, d.Column));
        }
    }
}
