using DeployLint.Plans;
using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>Each reader on samples/kubernetes: the plan it understood, and the bad samples' diagnostics at the exact argument.</summary>
    public class KubernetesSampleTests
    {
        private static LintResult LintSample(string file) => Lint.RepoFile("samples/kubernetes/" + file);

        [Theory]
        [InlineData("deployment-vllm-llama-8b-l4.yaml", "meta-llama/Llama-3.1-8B-Instruct", "L4-24GB", 1, 1, 1, 1, 1, "vllm", "0.10.1", 0.90, 8192)]
        [InlineData("statefulset-sglang-qwen-7b-a100.yaml", "Qwen/Qwen2.5-7B-Instruct", "A100-SXM-80GB", 1, 2, 2, 1, 1, "sglang", "0.5.2", 0.85, 32768)]
        [InlineData("lws-vllm-llama-405b-fp8-p5.yaml", "meta-llama/Llama-3.1-405B-Instruct", "H100-SXM-80GB", 2, 8, 8, 2, 1, "vllm", "0.10.1", 0.90, 32768)]
        [InlineData("kserve-qwen-7b-h100.yaml", "Qwen/Qwen2.5-7B-Instruct", "H100-SXM-80GB", 1, 1, 1, 1, 1, "vllm", PlanResolver.NewestVllm, 0.92, 32768)]
        [InlineData("compose.yaml", "mistralai/Mistral-7B-Instruct-v0.3", "RTX-4090-24GB", 1, 1, 1, 1, 1, "vllm", "0.10.1", 0.90, 16384)]
        public void Reader_yields_the_plan_the_engine_runs(string file, string model, string gpu, int nodes, int gpusPerNode, int tp, int pp, int dp,
            string engine, string version, double gmu, long maxModelLen)
        {
            var result = LintSample(file);
            Assert.DoesNotContain(result.Active, d => d.Severity == Severity.Error || d.Severity == Severity.Warning);
            var p = Assert.Single(result.Deployments).Plan!;
            Assert.Equal((model, gpu, nodes, gpusPerNode, tp, pp, dp), (p.ModelId, p.Gpu.Id, p.Nodes, p.GpusPerNode, p.Tensor, p.Pipeline, p.Data));
            Assert.Equal((engine, version, gmu, maxModelLen), (p.EngineName, p.EngineVersion, p.GpuMemoryUtilization, p.MaxModelLen));
        }

        [Fact]
        public void Lws_on_p5_takes_efa_between_nodes_and_fp8_from_quantization_flag()
        {
            var p = Assert.Single(LintSample("lws-vllm-llama-405b-fp8-p5.yaml").Deployments).Plan!;
            Assert.Equal(("efa-400g", "fp8-e4m3"), (p.InterNodeLink!.Id, p.WeightsFormat));
        }

        [Fact]
        public void Dynamo_graph_skips_the_frontend_and_reads_both_workers()
        {
            var result = LintSample("dynamo-vllm-llama-70b-fp8-disagg.yaml");
            Assert.Equal(new[] { "llama-70b-disagg/VllmPrefillWorker", "llama-70b-disagg/VllmDecodeWorker" }, result.Deployments.Select(d => d.Name));
            Assert.All(result.Deployments, d => Assert.Equal(("H100-SXM-80GB", 4, 4, 32768L), (d.Plan!.Gpu.Id, d.Plan.Tensor, d.Plan.GpusPerNode, d.Plan.MaxModelLen)));
            Assert.DoesNotContain(result.Active, d => d.Severity == Severity.Error || d.Severity == Severity.Warning);
        }

        [Fact]
        public void Production_stack_values_give_one_deployment_per_model_spec()
        {
            var result = LintSample("production-stack-values.yaml");
            Assert.Equal(new[] { "llama-8b", "mistral-7b" }, result.Deployments.Select(d => d.Name));
            var llama = result.Deployments[0].Plan!;
            var mistral = result.Deployments[1].Plan!;
            Assert.Equal(("L40S-48GB", 1, 16384L, 0.9, "bf16"), (llama.Gpu.Id, llama.Tensor, llama.MaxModelLen, llama.GpuMemoryUtilization, llama.ActivationFormat));
            Assert.Equal(("L40S-48GB", 2, 2, 32768L), (mistral.Gpu.Id, mistral.Tensor, mistral.GpusPerNode, mistral.MaxModelLen));
            Assert.DoesNotContain(result.Active, d => d.Severity == Severity.Error || d.Severity == Severity.Warning);
        }

        [Fact]
        public void Llm_d_modelservice_values_give_prefill_and_decode()
        {
            var result = LintSample("llm-d-modelservice-values.yaml");
            Assert.Equal(new[] { "prefill", "decode" }, result.Deployments.Select(d => d.Name));
            Assert.All(result.Deployments, d => Assert.Equal(("Qwen/Qwen3-8B", "H100-SXM-80GB", 32768L, 64), (d.Plan!.ModelId, d.Plan.Gpu.Id, d.Plan.MaxModelLen, d.Plan.BlockSize)));
            Assert.Equal((1, 2), (result.Deployments[0].Plan!.Tensor, result.Deployments[1].Plan!.Tensor));
            Assert.DoesNotContain(result.Active, d => d.Severity == Severity.Error || d.Severity == Severity.Warning);
        }

        [Fact]
        public void Llm_inference_service_gives_the_decode_pool_and_its_prefill_pool()
        {
            var result = LintSample("llminferenceservice-qwen-7b-pd.yaml");
            Assert.Equal(new[] { "qwen-7b-pd", "qwen-7b-pd/prefill" }, result.Deployments.Select(d => d.Name));
            var decode = result.Deployments[0].Plan!;
            var prefill = result.Deployments[1].Plan!;
            Assert.Equal(("Qwen/Qwen2.5-7B-Instruct", "L40S-48GB", 2, 2, 32768L, 0.9), (decode.ModelId, decode.Gpu.Id, decode.Tensor, decode.GpusPerNode, decode.MaxModelLen, decode.GpuMemoryUtilization));
            Assert.Equal((1, 1), (prefill.Tensor, prefill.GpusPerNode));
            Assert.DoesNotContain(result.Active, d => d.Severity == Severity.Error || d.Severity == Severity.Warning);
        }

        [Theory]
        [InlineData("deployment-vllm-llama-70b-tp3.yaml", "DPL4001", 19, 107)]
        [InlineData("lws-vllm-qwen3-235b-fp8-tp8.yaml", "DPL4008", 17, 44)]
        [InlineData("compose-gpt-oss-120b-h100.yaml", "DPL1003", 5, 25)]
        [InlineData("kserve-llama-70b-a100-40gb.yaml", "DPL1001", 9, 41)]
        [InlineData("dynamo-decode-tp8-on-4-gpus.yaml", "DPL3001", 19, 78)]
        [InlineData("production-stack-llama-8b-t4.yaml", "DPL1001", 16, 24)]
        public void Bad_sample_raises_its_rule_on_the_argument(string file, string id, int line, int column)
        {
            var result = LintSample("bad/" + file);
            var d = Assert.Single(result.Active, x => x.Id == id);
            Assert.Equal((Severity.Error, line, column), (d.Severity, d.Line, d.Column));
        }
    }
}
