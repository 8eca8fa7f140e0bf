using System.Linq;
using BenchmarkDotNet.Attributes;
using DeployLint.Catalog;
using DeployLint.Planning;

namespace DeployLint.Benchmarks
{
    /// <summary>
    /// `deploylint plan` over three GPU types and up to four nodes of eight: DeepSeek-R1 at 32k context, 64 sequences, a
    /// 50 ms TPOT target (H100 needs two nodes, so every size up to it is enumerated). Budget: under 100 ms.
    /// </summary>
    [MemoryDiagnoser]
    public class PlanBenchmarks
    {
        private readonly HardwareCatalog _catalog = HardwareCatalog.BuiltIn;
        private ModelEntry _model = null!;
        private GpuSpec[] _gpus = null!;
        private readonly PlanRequest _request = new PlanRequest { MaxNodes = 4, Context = 32768, Concurrency = 64, TpotMs = 50 };

        [GlobalSetup]
        public void Setup()
        {
            _model = _catalog.FindModel("deepseek-ai/DeepSeek-R1")!;
            _gpus = new[] { "H100-SXM-80GB", "H200-SXM-141GB", "B200-180GB" }.Select(g => _catalog.FindGpu(g, out _)!).ToArray();
        }

        [Benchmark]
        public int PlanDeepSeekR1OnThreeGpuTypes() => _gpus.Sum(g => DeploymentPlanner.Choose(_model, g, _request, _catalog).Gpus);
    }
}
