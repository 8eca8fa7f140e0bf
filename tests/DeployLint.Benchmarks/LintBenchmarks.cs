using System.IO;
using BenchmarkDotNet.Attributes;
using DeployLint.Estimation;
using DeployLint.Plans;

namespace DeployLint.Benchmarks
{
    /// <summary>Warm costs of the engine: what the analyzer pays per keystroke and `check` per extra manifest.</summary>
    [MemoryDiagnoser]
    public class LintBenchmarks
    {
        private string _deepSeek = "";
        private string _llama = "";
        private string _lws = "";
        private string _dynamo = "";
        private string _lwsArithmetic = "";
        private string _dynamoConfigMap = "";
        private DeploymentPlan _plan = null!;

        [GlobalSetup]
        public void Setup()
        {
            string root = Repo.Root;
            _deepSeek = File.ReadAllText(Path.Combine(root, "samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml"));
            _llama = File.ReadAllText(Path.Combine(root, "samples/manifests/llama-3.1-8b-1xh100.deploy.yaml"));
            _lws = File.ReadAllText(Path.Combine(root, "samples/kubernetes/lws-vllm-llama-405b-fp8-p5.yaml"));
            _dynamo = File.ReadAllText(Path.Combine(root, "samples/kubernetes/dynamo-vllm-llama-70b-fp8-disagg.yaml"));
            _lwsArithmetic = File.ReadAllText(Path.Combine(root, "tests/DeployLint.Core.Tests/Readers/lws-wide-ep-arithmetic.yaml"));
            _dynamoConfigMap = File.ReadAllText(Path.Combine(root, "tests/DeployLint.Core.Tests/Readers/dynamo-trtllm-configmap.yaml"));
            _plan = Linter.Lint(_deepSeek, "bench.deploy.yaml").Deployments[0].Plan!;
        }

        /// <summary>Parse, bind, resolve, estimate and run every rule on the DeepSeek-R1 two-node plan.</summary>
        [Benchmark]
        public int LintDeepSeekR1Manifest() => Linter.Lint(_deepSeek, "bench.deploy.yaml").Diagnostics.Count;

        [Benchmark]
        public int LintLlama8BManifest() => Linter.Lint(_llama, "bench.deploy.yaml").Diagnostics.Count;

        /// <summary>A LeaderWorkerSet whose vLLM command sits in a sh -c string: read the pod, parse the script, then lint the 16-GPU plan.</summary>
        [Benchmark]
        public int LintLeaderWorkerSet() => Linter.Lint(_lws, "bench.yaml").Diagnostics.Count;

        /// <summary>A Dynamo graph with a frontend and two TP 4 workers (two deployments).</summary>
        [Benchmark]
        public int LintDynamoGraph() => Linter.Lint(_dynamo, "bench.yaml").Diagnostics.Count;

        /// <summary>A wide-EP LeaderWorkerSet whose DP is shell arithmetic ($((LWS_GROUP_SIZE * DP_SIZE_LOCAL))): DeepSeek-R1 on 2 x 8 H200.</summary>
        [Benchmark]
        public int LintLeaderWorkerSetWithArithmetic() => Linter.Lint(_lwsArithmetic, "bench.yaml").Diagnostics.Count;

        /// <summary>A Dynamo TensorRT-LLM graph whose engine options live in a ConfigMap of the same file (parsed in place).</summary>
        [Benchmark]
        public int LintDynamoWithConfigMap() => Linter.Lint(_dynamoConfigMap, "bench.yaml").Diagnostics.Count;

        /// <summary>The memory estimate alone for a resolved plan (61 layers, 2 stages).</summary>
        [Benchmark]
        public long EstimateDeepSeekR1Plan() => MemoryEstimator.Estimate(_plan).KvCacheBytes;
    }

}
