using System.Collections.Generic;
using System.Linq;
using DeployLint.Catalog;
using Xunit;

namespace DeployLint.Core.Tests
{
    public class UserCatalogTests
    {
        internal const string PrivateGpu = @"gpus:
  - id: ACME-X1-96GB
    name: ACME X1
    memoryBytes: 103079215104
    hbmGBps: 4000
    tflops: { bf16: 900, fp8: 1800 }
    native: [bf16, fp16, fp8-e4m3]
    cc: ""9.0""
    intraNode: nvlink4
    nvlinkDomain: 8
    source: ""ACME X1 datasheet rev 3""
models:
  - ids: [acme/tiny-llama]
    source: ""acme internal config.json""
    config: { model_type: llama, hidden_size: 2048, intermediate_size: 8192, num_attention_heads: 32, num_key_value_heads: 8, num_hidden_layers: 16, vocab_size: 32000, max_position_embeddings: 8192 }
";

        [Fact]
        public void A_user_catalog_adds_a_gpu_and_a_model_that_a_manifest_then_uses()
        {
            var problems = new List<Diagnostic>();
            var catalog = UserCatalog.Merge(HardwareCatalog.BuiltIn, new[] { ("acme.catalog.yaml", PrivateGpu) }, problems);
            Assert.Empty(problems);
            var result = Lint.Text(Lint.Header + "model: { id: acme/tiny-llama }\nhardware: { gpu: ACME-X1-96GB }\nserving: { maxModelLen: 8192 }\n", new LintOptions { Catalog = catalog });
            var d = Assert.Single(result.Deployments);
            Assert.Equal(103_079_215_104, d.Memory!.CapacityBytes);
            Assert.Equal(32000L * 2048 * 2 + 16L * (2048 * 2048 * 2 + 512 * 2048 * 2 + 3 * 8192 * 2048 + 2 * 2048) + 2048, d.Plan!.Architecture.TotalParameters);
            Assert.DoesNotContain(result.Diagnostics, x => x.Severity == Severity.Error);
            Assert.Null(HardwareCatalog.BuiltIn.FindGpu("ACME-X1-96GB", out _));
        }

        [Fact]
        public void Reusing_a_built_in_id_is_a_conflict_at_the_id()
        {
            var problems = new List<Diagnostic>();
            UserCatalog.Merge(HardwareCatalog.BuiltIn, new[] { ("x.yaml", PrivateGpu.Replace("ACME-X1-96GB", "H100-SXM-80GB")) }, problems);
            var d = Assert.Single(problems);
            Assert.Equal(("DPL0019", 2, 9), (d.Id, d.Line, d.Column));
            Assert.Equal("GPU id 'H100-SXM-80GB' already exists in the catalog; user catalogs add GPUs under new ids", d.Message);
        }

        [Fact]
        public void Rows_without_a_source_or_with_impossible_numbers_are_refused()
        {
            var problems = new List<Diagnostic>();
            UserCatalog.Merge(HardwareCatalog.BuiltIn, new[] { ("x.yaml", "gpus:\n  - id: Z\n    memoryBytes: -1\n    hbmGBps: 100\n    tflops: { bf16: 1 }\n") }, problems);
            Assert.Equal(new[] { "catalog entry needs 'memoryBytes' as a positive number", "catalog entry needs 'source' (the datasheet, config.json or measurement the numbers come from)" },
                problems.Select(p => p.Message).OrderBy(m => m).ToArray());
        }

        [Theory]
        [InlineData("5.0", 5.0, 0)]
        [InlineData("1e300", null, 1)]
        [InlineData("-3", null, 1)]
        public void A_gpu_may_carry_its_own_kernel_floor_within_reason(string value, double? expected, int problemCount)
        {
            var problems = new List<Diagnostic>();
            var catalog = UserCatalog.Merge(HardwareCatalog.BuiltIn, new[] { ("x.yaml", PrivateGpu.Replace("    nvlinkDomain: 8\n", "    nvlinkDomain: 8\n    kernelFloorUs: " + value + "\n")) }, problems);
            Assert.Equal(problemCount, problems.Count);
            Assert.Equal(expected, catalog.FindGpu("ACME-X1-96GB", out _)!.KernelFloorMicroseconds);
        }

        [Theory]
        [InlineData("decodeMbu", "0.66", 0.66, 0)]
        [InlineData("prefillMfu", "0.3", 0.3, 0)]
        [InlineData("decodeMfu", "1.5", null, 1)]
        [InlineData("decodeMbu", "0", null, 1)]
        public void A_gpu_may_carry_its_own_achieved_fractions_within_zero_and_one(string key, string value, double? expected, int problemCount)
        {
            var problems = new List<Diagnostic>();
            var catalog = UserCatalog.Merge(HardwareCatalog.BuiltIn, new[] { ("x.yaml", PrivateGpu.Replace("    nvlinkDomain: 8\n", $"    nvlinkDomain: 8\n    {key}: {value}\n")) }, problems);
            Assert.Equal(problemCount, problems.Count);
            var gpu = catalog.FindGpu("ACME-X1-96GB", out _)!;
            Assert.Equal(expected, key == "decodeMbu" ? gpu.DecodeMbu : key == "prefillMfu" ? gpu.PrefillMfu : gpu.DecodeMfu);
        }

        /// <summary>
        /// CDNA3's ROCm efficiencies, scaled from the H100-measured defaults by Ambati et al.'s MI300X-vs-NVIDIA ratios
        /// (BabelStream 81% vs 90% of peak; GEMMs 45% vs 93%).
        /// </summary>
        [Fact]
        public void Mi300x_carries_rocm_efficiencies()
        {
            var mi300x = HardwareCatalog.BuiltIn.FindGpu("MI300X-192GB", out _)!;
            Assert.Equal(0.657, mi300x.DecodeMbu);
            Assert.Equal(0.242, mi300x.PrefillMfu);
            Assert.Equal(0.29, mi300x.DecodeMfu);
            Assert.Null(HardwareCatalog.BuiltIn.FindGpu("H100-SXM-80GB", out _)!.DecodeMbu);
        }
    }
}
