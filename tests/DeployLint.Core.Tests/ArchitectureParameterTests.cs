using DeployLint.Catalog;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Parameter counts must equal sum(numel) over the framework's module parameters.
    /// Measured values: shared/calibration/h100-measured.json (PyTorch 2.11, transformers 5.17, random bf16 weights
    /// built from the published config.json). DeepSeek-V3 without the MTP layer: 671,026,404,352 (DeepSeek-V3
    /// README_WEIGHTS.md: 671B main model weights, 14B MTP module, 685B total). e_score_correction_bias is a registered buffer in
    /// transformers' DeepseekV3TopkRouter, so it is in memory but not in the parameter count.
    /// </summary>
    public class ArchitectureParameterTests
    {
        [Theory]
        [InlineData("meta-llama/Llama-3.1-8B-Instruct", 8_030_261_248L, 525_336_576L, 0L)]
        [InlineData("meta-llama/Llama-3.1-70B-Instruct", 70_553_706_496L, 1_050_673_152L, 0L)]
        [InlineData("Qwen/Qwen2.5-7B-Instruct", 7_615_616_512L, 544_997_376L, 0L)]
        [InlineData("mistralai/Mistral-7B-v0.1", 7_241_732_096L, 131_072_000L, 0L)]
        [InlineData("Qwen/Qwen3-30B-A3B", 30_532_122_624L, 311_164_928L, 28_991_029_248L)]
        [InlineData("microsoft/Phi-3-mini-4k-instruct", 3_821_079_552L, 98_500_608L, 0L)]
        [InlineData("deepseek-ai/DeepSeek-V3", 671_026_404_352L, 926_679_040L, 653_908_770_816L)]
        public void Parameter_count_equals_the_measured_framework_count(string id, long parameters, long embedding, long routedExperts)
        {
            var catalog = HardwareCatalog.BuiltIn;
            var architecture = catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!;
            Assert.Equal(parameters, architecture.TotalParameters);
            Assert.Equal(embedding, architecture.EmbeddingParameters);
            Assert.Equal(routedExperts, architecture.RoutedExpertParameters);
        }
    }
}
