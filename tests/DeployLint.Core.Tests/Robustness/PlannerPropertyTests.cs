using System;
using System.Linq;
using CsCheck;
using DeployLint.Catalog;
using DeployLint.Planning;
using Xunit;

namespace DeployLint.Core.Tests.Robustness
{
    /// <summary>
    /// `plan` over generated models x GPUs x targets: what it writes passes `check`, and when it finds nothing the planner
    /// that `suggest` uses finds nothing feasible on the largest deployment it tried either.
    /// </summary>
    public class PlannerPropertyTests
    {
        private static readonly string[] Models = HardwareCatalog.BuiltIn.Models.Select(m => m.Id).OrderBy(m => m, StringComparer.Ordinal).ToArray();
        private static readonly string[] Gpus = { "A100-SXM-80GB", "H100-SXM-80GB", "H200-SXM-141GB", "L40S-48GB", "B200-180GB", "L4-24GB", "RTX-4090-24GB" };
        private static readonly long[] Contexts = { 4096, 32768 };
        private static readonly long[] Concurrencies = { 1, 16, 64 };
        private static readonly double?[] Tpots = { null, 30, 80 };

        [Fact]
        public void Plan_writes_only_plans_that_pass_check_and_misses_nothing_suggest_finds()
        {
            var catalog = HardwareCatalog.BuiltIn;
            Gen.Select(Gen.Int[0, Models.Length - 1], Gen.Int[0, Gpus.Length - 1], Gen.Int[0, 1], Gen.Int[0, 2], Gen.Int[0, 2]).Sample(x =>
            {
                var model = catalog.FindModel(Models[x.Item1])!;
                var gpu = catalog.FindGpu(Gpus[x.Item2], out _)!;
                var request = new PlanRequest { MaxNodes = 2, Context = Contexts[x.Item3], Concurrency = Concurrencies[x.Item4], TpotMs = Tpots[x.Item5] };
                var choice = DeploymentPlanner.Choose(model, gpu, request, catalog);
                if (choice.Best != null)
                {
                    var written = Linter.Lint(DeploymentPlanner.Manifest(model, choice, request, comment: true), "plan.deploy.yaml", new LintOptions { Catalog = catalog });
                    return !written.HasErrors;
                }
                int perNode = DeploymentPlanner.DefaultGpusPerNode(gpu);
                var largest = new PlanChoice(gpu, null, 2, perNode, perNode == 8 ? "ib-ndr-400" : "roce-200g", "");
                var declared = Linter.Lint(DeploymentPlanner.Manifest(model, largest, request, comment: false), "plan.deploy.yaml", new LintOptions { Catalog = catalog }).Deployments.Single().Plan;
                if (declared == null || !declared.ModelKnown) return true; // nothing to plan: the model does not resolve
                return !LayoutPlanner.Enumerate(declared, catalog).Any(c => c.Feasible && c.MeetsTargets);
            }, iter: 400, threads: 1);
        }
    }
}
