using System.Linq;
using DeployLint.Catalog;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>GPUs written the way clusters and people write them resolve to one catalog id, or to none; never to a guess.</summary>
    public class GpuSpellingTests
    {
        private static readonly HardwareCatalog Catalog = HardwareCatalog.BuiltIn;

        [Theory]
        // Loose forms people write
        [InlineData("NVIDIA-A10G", "A10G-24GB")]          // GPU feature discovery on AWS G5
        [InlineData("NVIDIA-L20", "L20-48GB")]
        [InlineData("NVIDIA-GB10", "DGX-SPARK-GB10-128GB")] // gpud / GFD product name on DGX Spark
        [InlineData("dgx-spark", "DGX-SPARK-GB10-128GB")]
        [InlineData("MI355X", "MI355X-288GB")]
        [InlineData("H200-141GB", "H200-SXM-141GB")]
        [InlineData("h100-80gb", "H100-SXM-80GB")]
        [InlineData("A100 80GB PCIe", "A100-PCIE-80GB")]
        [InlineData("a100_80gb_pcie", "A100-PCIE-80GB")]
        [InlineData("H100 94GB", "H100-NVL-94GB")]
        [InlineData("L40S-PCIe-48GB", "L40S-48GB")]
        [InlineData("B200-SXM-180GB", "B200-180GB")]
        // nvidia.com/gpu.product values of GPU feature discovery (NVML names with spaces as '-')
        [InlineData("NVIDIA-H100-80GB-HBM3", "H100-SXM-80GB")]
        [InlineData("NVIDIA-H200", "H200-SXM-141GB")]
        [InlineData("NVIDIA-H200-NVL", "H200-NVL-141GB")]
        [InlineData("NVIDIA-A100-SXM4-80GB", "A100-SXM-80GB")]
        [InlineData("NVIDIA-A100-SXM4-40GB", "A100-SXM-40GB")]
        [InlineData("Tesla-V100-SXM2-16GB", "V100-SXM-16GB")]
        [InlineData("NVIDIA-L40S", "L40S-48GB")]
        [InlineData("NVIDIA-GeForce-RTX-4090", "RTX-4090-24GB")]
        [InlineData("NVIDIA-RTX-6000-Ada-Generation", "RTX-6000-ADA-48GB")]
        [InlineData("NVIDIA-B300-SXM6-AC", "B300-288GB")] // torch.cuda.get_device_name() on HGX B300: "NVIDIA B300 SXM6 AC"
        [InlineData("NVIDIA-GB300", "GB300-288GB")]
        [InlineData("nvidia-b300", "B300-288GB")]
        [InlineData("NVIDIA-H20-3e", "H20-3E-141GB")]
        [InlineData("H20-141GB", "H20-3E-141GB")]         // the 141 GB H20 is the H20-3e
        [InlineData("NVIDIA-A40", "A40-48GB")]
        [InlineData("NVIDIA-RTX-A6000", "RTX-A6000-48GB")]
        [InlineData("NVIDIA-A30", "A30-24GB")]
        [InlineData("AMD_Instinct_MI350X", "MI350X-288GB")]
        // GKE accelerator names: nvidia-tesla-a100 is the 40 GB card (GKE docs), not the a100 alias
        [InlineData("nvidia-tesla-a100", "A100-SXM-40GB")]
        [InlineData("nvidia-h100-mega-80gb", "H100-SXM-80GB")]
        // AMD's node labeller
        [InlineData("AMD_Instinct_MI300X_OAM", "MI300X-192GB")]
        public void A_spelling_resolves_to_its_card(string spelling, string id)
        {
            var gpu = Catalog.FindGpu(spelling, out bool viaAlias);
            Assert.NotNull(gpu);
            Assert.Equal(id, gpu!.Id);
            Assert.True(viaAlias);
        }

        [Theory]
        [InlineData("NVIDIA-A100-SXM4-40GB-MIG-1g.5gb")] // a MIG slice has a fraction of the memory
        [InlineData("NVIDIA-H100-80GB-HBM3-SHARED")]    // time-sliced: the memory is shared with other pods
        [InlineData("H100-40GB")]                       // no H100 has 40 GB
        [InlineData("A100-SXM")]                        // 40 or 80 GB: not guessed
        [InlineData("")]
        public void A_spelling_that_names_no_single_card_resolves_to_none(string spelling)
        {
            Assert.Null(Catalog.FindGpu(spelling, out _));
        }

        [Fact]
        public void The_catalog_id_itself_is_not_an_alias()
        {
            Assert.Equal("H100-SXM-80GB", Catalog.FindGpu("H100-SXM-80GB", out bool viaAlias)!.Id);
            Assert.False(viaAlias);
        }

        [Fact]
        public void Every_catalog_id_and_alias_parses_back_to_its_own_card()
        {
            foreach (var gpu in Catalog.Gpus)
            {
                Assert.Same(gpu, GpuSpelling.Parse(gpu.Id)!.Match(Catalog.Gpus));
            }
        }

        [Fact]
        public void A_manifest_gpu_written_as_a_cluster_spells_it_is_checked_with_a_note()
        {
            var result = Lint.Text(Lint.Header + "model: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: NVIDIA-H100-80GB-HBM3 }\n");
            var note = Assert.Single(result.Diagnostics, d => d.Id == "DPL0008");
            Assert.Equal((5, 18), (note.Line, note.Column));
            Assert.StartsWith("GPU 'NVIDIA-H100-80GB-HBM3' resolved to 'H100-SXM-80GB'", note.Message);
            Assert.Contains(result.Diagnostics, d => d.Id == "DPL1001");
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DPL0005");
        }

        [Fact]
        public void A_gpu_product_node_label_outside_the_label_table_resolves_by_its_spelling()
        {
            var result = Linter.Lint("apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  nodeSelector: { nvidia.com/gpu.product: NVIDIA-H100-SXM5-80GB }\n  containers:\n" +
                "    - name: v\n      image: vllm/vllm-openai\n      args: [--model, meta-llama/Llama-3.1-8B-Instruct]\n      resources: { limits: { nvidia.com/gpu: 1 } }\n", "p.yaml");
            var deployment = Assert.Single(result.Deployments);
            Assert.Equal("H100-SXM-80GB", deployment.Plan!.Gpu.Id);
        }
    }
}

namespace DeployLint.Core.Tests
{
    /// <summary>GPUs of 2026 start-up logs, against what the engine logged.</summary>
    public class NewGpuTests
    {
        [Fact]
        public void Rtx_pro_6000_blackwell_reproduces_a_vllm_0_26_eager_log()
        {
            // vllm-project/vllm#50159: vLLM 0.26.0, RTX PRO 6000 Blackwell Server Edition, Qwen2.5-0.5B-Instruct, gmu 0.85,
            // max_model_len 8192, --enforce-eager (no CUDA-graph estimate): "GPU KV cache size: 6,908,880 tokens".
            var result = Linter.Lint("apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition } }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai:v0.26.0\n" +
                "      args: [--model, Qwen/Qwen2.5-0.5B-Instruct, --gpu-memory-utilization, \"0.85\", --max-model-len, \"8192\", --enforce-eager]\n      resources: { limits: { nvidia.com/gpu: 1 } }\n", "p.yaml");
            var deployment = Assert.Single(result.Deployments);
            Assert.Equal(("RTX-PRO-6000-BLACKWELL-SE-96GB", 102_139_478_016L), (deployment.Plan!.Gpu.Id, deployment.Plan.Gpu.MemoryBytes));
            long tokens = deployment.Memory!.MaxTokensInKvCache;
            Assert.InRange((tokens - 6_908_880.0) / 6_908_880.0, -0.05, 0.05);
            Assert.False(result.HasErrors);
        }
    }
}
