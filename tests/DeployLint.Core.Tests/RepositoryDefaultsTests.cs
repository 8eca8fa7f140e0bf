using System.Linq;
using DeployLint.Manifests;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>A platform team states its fleet once (deploylint.yaml, --gpu): files that do not name their GPU are checked on it.</summary>
    public class RepositoryDefaultsTests
    {
        private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\nSELECTOR  containers:\n    - name: v\n      image: vllm/vllm-openai:v0.10.1\n" +
            "      args: [--model, meta-llama/Llama-3.1-70B-Instruct, --tensor-parallel-size, \"2\"]\n      resources: { limits: { nvidia.com/gpu: 2 } }\n";

        private static LintResult Lint(string yaml, RepositoryDefaults defaults) =>
            Linter.Lint(yaml, "p.yaml", new LintOptions { Defaults = defaults, Catalog = defaults.WithNodePools(Catalog.HardwareCatalog.BuiltIn) });

        [Fact]
        public void Settings_read_defaults_node_pools_and_report_unknown_keys_where_they_are()
        {
            var settings = RepositorySettings.Parse("defaults:\n  gpu: H100-SXM-80GB\n  interNode: roce-200g\n  engine: vllm\nnodePools:\n  - { selector: { cloud.google.com/gke-nodepool: a3-pool }, gpu: H200-SXM-141GB }\n  - { gpu: A100 }\nfleet: 3\n");
            Assert.Equal(("H100-SXM-80GB", "roce-200g"), (settings.Defaults.Gpu, settings.Defaults.InterNode));
            var pool = Assert.Single(settings.Defaults.NodePools);
            Assert.Equal(("cloud.google.com/gke-nodepool", "a3-pool", "H200-SXM-141GB"), (pool.LabelKey, pool.LabelValue, pool.Gpu));
            Assert.Equal(new[] { (8, 1, "unknown key 'fleet'; known: catalogs, defaults, nodePools, prices"), (4, 3, "unknown key 'defaults.engine'; known: gpu, interNode"), (7, 5, "a node pool is { selector: { LABEL: VALUE }, gpu: GPU-ID }; ignored") },
                settings.Problems.Select(p => (p.At.StartLine, p.At.StartColumn, p.Message)).OrderByDescending(p => p.Item1 == 8).ThenBy(p => p.Item1).ToArray());
        }

        [Fact]
        public void A_pod_that_names_no_gpu_is_checked_on_the_default_with_a_note()
        {
            var result = Lint(Pod.Replace("SELECTOR", ""), new RepositoryDefaults { Gpu = "H100-SXM-80GB", Origin = "deploylint.yaml" });
            var plan = Assert.Single(result.Deployments).Plan!;
            Assert.Equal("H100-SXM-80GB", plan.Gpu.Id);
            Assert.Contains(result.Diagnostics, d => d.Id == "DPL0021" && d.Message == "Pod 'p' does not name its GPU; it is checked on H100-SXM-80GB, the default of deploylint.yaml");
            // Checked on the default: 70B at TP 2 on H100 leaves 1.49 GiB of KV, short of one 131,072-token request.
            Assert.StartsWith("one request of maxModelLen 131,072 tokens needs 20.0 GiB of KV cache per GPU, but only 1.49 GiB is left",
                Assert.Single(result.Diagnostics, d => d.Id == "DPL1003").Message);
        }

        [Fact]
        public void A_node_pool_selector_names_the_gpu_and_wins_over_the_default()
        {
            var defaults = new RepositoryDefaults { Gpu = "L4-24GB" };
            defaults.NodePools.Add(new NodePool("cloud.google.com/gke-nodepool", "a3-pool", "H200-SXM-141GB"));
            var result = Lint(Pod.Replace("SELECTOR", "  nodeSelector: { cloud.google.com/gke-nodepool: a3-pool }\n"), defaults);
            Assert.Equal("H200-SXM-141GB", Assert.Single(result.Deployments).Plan!.Gpu.Id);
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("the default of"));
        }

        [Fact]
        public void A_gpu_the_file_names_is_never_replaced_by_the_default()
        {
            var result = Lint(Pod.Replace("SELECTOR", "  nodeSelector: { nvidia.com/gpu.product: NVIDIA-H200 }\n"), new RepositoryDefaults { Gpu = "L4-24GB" });
            Assert.Equal("H200-SXM-141GB", Assert.Single(result.Deployments).Plan!.Gpu.Id);
        }
    }
}
