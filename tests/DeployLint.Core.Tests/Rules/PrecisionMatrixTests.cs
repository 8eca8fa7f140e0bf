using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Rules
{
    /// <summary>
    /// Weight formats across GPU generations, as vLLM behaves: bf16 needs sm80 (T4/V100 refuse: "Bfloat16 is only supported on
    /// GPUs with compute capability of at least 8.0"); FP8 is native from sm89 and weight-only Marlin on sm80/86; FP4
    /// (NVFP4, MXFP4) is native on sm100 and weight-only Marlin on sm80-sm90; below sm80 there is no kernel at all.
    /// </summary>
    public class PrecisionMatrixTests
    {
        [Theory]
        [InlineData("T4-16GB", "bf16", "DPL2004")]
        [InlineData("T4-16GB", "fp8-e4m3", "DPL2004")]
        [InlineData("T4-16GB", "nvfp4", "DPL2004")]
        [InlineData("T4-16GB", "mxfp4", "DPL2004")]
        [InlineData("V100-SXM-32GB", "bf16", "DPL2004")]
        [InlineData("V100-SXM-32GB", "fp8-e4m3", "DPL2004")]
        [InlineData("V100-SXM-32GB", "nvfp4", "DPL2004")]
        [InlineData("V100-SXM-32GB", "mxfp4", "DPL2004")]
        [InlineData("A100-SXM-80GB", "bf16", null)]
        [InlineData("A100-SXM-80GB", "fp8-e4m3", "DPL2003")]
        [InlineData("A100-SXM-80GB", "nvfp4", "DPL2003")]
        [InlineData("A100-SXM-80GB", "mxfp4", "DPL2003")]
        [InlineData("L4-24GB", "bf16", null)]
        [InlineData("L4-24GB", "fp8-e4m3", null)]
        [InlineData("L4-24GB", "nvfp4", "DPL2003")]
        [InlineData("L4-24GB", "mxfp4", "DPL2003")]
        [InlineData("H100-SXM-80GB", "bf16", null)]
        [InlineData("H100-SXM-80GB", "fp8-e4m3", null)]
        [InlineData("H100-SXM-80GB", "nvfp4", "DPL2003")]
        [InlineData("H100-SXM-80GB", "mxfp4", "DPL2003")]
        [InlineData("B200-180GB", "bf16", null)]
        [InlineData("B200-180GB", "fp8-e4m3", null)]
        [InlineData("B200-180GB", "nvfp4", null)]
        [InlineData("B200-180GB", "mxfp4", null)]
        public void Format_on_gpu_is_native_emulated_or_refused(string gpu, string weights, string? expected)
        {
            var result = Lint.Text(Lint.Header + $"model: {{ id: Qwen/Qwen2.5-0.5B-Instruct, weights: {weights} }}\nhardware: {{ gpu: {gpu} }}\nserving: {{ maxModelLen: 4096 }}\n");
            var precision = result.Active.Where(d => d.Id == "DPL2003" || d.Id == "DPL2004").Select(d => d.Id).ToList();
            if (expected == null) Assert.Empty(precision);
            else Assert.Equal(new[] { expected }, precision);
            if (expected != null) Assert.Equal(expected == "DPL2004" ? Severity.Error : Severity.Warning, result.Active.First(d => d.Id == expected).Severity);
        }
    }
}
