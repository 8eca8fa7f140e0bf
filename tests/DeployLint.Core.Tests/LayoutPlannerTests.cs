using System.Linq;
using DeployLint.Catalog;
using DeployLint.Planning;
using Xunit;

namespace DeployLint.Core.Tests
{
    public class LayoutPlannerTests
    {
        [Fact]
        public void Deepseek_r1_on_two_h100_nodes_keeps_every_tp_group_inside_a_node()
        {
            var plan = Lint.Text(System.IO.File.ReadAllText(Repo.PathOf("samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml"))).Deployments[0].Plan!;
            var ranked = LayoutPlanner.Enumerate(plan, HardwareCatalog.BuiltIn);
            var best = ranked.First(c => c.Feasible);
            Assert.True(best.Plan.Tensor <= 8, best.Layout);
            Assert.NotEqual("ib-ndr-400", best.Time.TensorParallelLink?.Id);
            var tp16 = ranked.Single(c => c.Plan.Tensor == 16 && c.Plan.Expert == 1);
            Assert.True(LayoutPlanner.Compare(best, tp16) < 0);
            // TP 8 x PP 1 needs 79.31 GiB of weights per GPU: rejected on memory, not silently ranked.
            Assert.StartsWith("DPL1001", ranked.Single(c => c.Layout == "TP 8 x PP 1 x DP 2").Rejection);
        }

        [Fact]
        public void Enumeration_is_divisibility_aware()
        {
            // llama-30b has 52 heads: on 8 GPUs, TP 8 is rejected (52 % 8), TP 4 and TP 2 are candidates.
            var plan = Lint.Text(Lint.Header + "model: { id: huggyllama/llama-30b }\nhardware: { gpu: A100-SXM-80GB, gpusPerNode: 8 }\nparallelism: { tensor: 4, data: 2 }\nserving: { maxModelLen: 2048 }\n").Deployments[0].Plan!;
            var ranked = LayoutPlanner.Enumerate(plan, HardwareCatalog.BuiltIn);
            Assert.All(ranked.Where(c => c.Plan.Tensor == 8), c => Assert.StartsWith("DPL4001", c.Rejection));
            Assert.DoesNotContain(ranked, c => c.Feasible && 52 % c.Plan.Tensor != 0);
            Assert.Contains(ranked, c => c.Feasible && c.Plan.Tensor == 4);
            Assert.Equal(plan.TotalGpus, ranked.Select(c => c.Plan.Tensor * c.Plan.Pipeline * c.Plan.Data).Distinct().Single());
        }
    }
}
