using BenchmarkDotNet.Attributes;
using DeployLint.Catalog;
using DeployLint.Planning;
using DeployLint.Plans;

namespace DeployLint.Benchmarks
{
    /// <summary>`deploylint suggest` over a 1024-GPU cluster (128 nodes x 8 H100): every (TP, PP, DP, EP) ranked.</summary>
    [MemoryDiagnoser]
    public class SuggestBenchmarks
    {
        private DeploymentPlan _deepSeek = null!;
        private DeploymentPlan _llama405 = null!;

        [GlobalSetup]
        public void Setup()
        {
            const string header = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: cluster\n";
            _deepSeek = Linter.Lint(header + "model: { id: deepseek-ai/DeepSeek-R1 }\nhardware: { gpu: H100-SXM-80GB, nodes: 128, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 8, pipeline: 2, data: 64 }\nserving: { maxModelLen: 32768, maxConcurrentSequences: 32 }\n", "b.deploy.yaml").Deployments[0].Plan!;
            _llama405 = Linter.Lint(header + "model: { id: meta-llama/Llama-3.1-405B-Instruct, weights: fp8 }\nhardware: { gpu: H100-SXM-80GB, nodes: 128, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 8, data: 128 }\nserving: { maxModelLen: 32768, maxConcurrentSequences: 32 }\n", "b.deploy.yaml").Deployments[0].Plan!;
        }

        [Benchmark]
        public int SuggestDeepSeekR1On1024Gpus() => LayoutPlanner.Enumerate(_deepSeek, HardwareCatalog.BuiltIn).Count;

        [Benchmark]
        public int SuggestLlama405BOn1024Gpus() => LayoutPlanner.Enumerate(_llama405, HardwareCatalog.BuiltIn).Count;
    }
}
