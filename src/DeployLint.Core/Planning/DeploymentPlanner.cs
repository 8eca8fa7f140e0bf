using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeployLint.Catalog;

namespace DeployLint.Planning
{
    /// <summary>What `deploylint plan` is asked: the model's serving shape and targets; null fields take the defaults.</summary>
    public sealed class PlanRequest
    {
        public string? Weights { get; set; }
        public string Engine { get; set; } = "vllm";
        public int? GpusPerNode { get; set; }
        public int MaxNodes { get; set; } = 4;
        public long Context { get; set; } = 8192;
        public long Concurrency { get; set; } = 16;
        public long InputTokens { get; set; } = 2048;
        public long OutputTokens { get; set; } = 512;
        public double? TtftMs { get; set; }
        public double? TpotMs { get; set; }
        public string? InterNode { get; set; }
        public IReadOnlyDictionary<string, double>? Prices { get; set; }
    }

    /// <summary>The smallest deployment of one GPU type that meets the request, or why there is none.</summary>
    public sealed class PlanChoice
    {
        public PlanChoice(GpuSpec gpu, LayoutCandidate? best, int nodes, int gpusPerNode, string? network, string why)
        {
            Gpu = gpu;
            Best = best;
            Nodes = nodes;
            GpusPerNode = gpusPerNode;
            Network = network;
            Why = why;
        }

        public GpuSpec Gpu { get; }
        public LayoutCandidate? Best { get; }
        public int Nodes { get; }
        public int GpusPerNode { get; }
        public string? Network { get; }
        public string Why { get; }
        public int Gpus => Nodes * GpusPerNode;
        public Estimation.CostEstimate? Cost => Best == null ? null : Estimation.CostEstimate.Of(Best.Plan, Best.Time);
    }

    /// <summary>
    /// For one GPU type, the smallest deployment (1, 2, 4 ... GPUs in a node, then 2, 4 ... whole nodes) whose best layout
    /// (<see cref="LayoutPlanner"/>'s ranking, as `suggest` ranks) fits and meets the targets; and that choice as a manifest.
    /// </summary>
    public static class DeploymentPlanner
    {
        public static PlanChoice Choose(ModelEntry model, GpuSpec gpu, PlanRequest request, HardwareCatalog catalog)
        {
            int perNode = request.GpusPerNode ?? DefaultGpusPerNode(gpu);
            string network = request.InterNode ?? (perNode == 8 ? "ib-ndr-400" : "roce-200g");
            var options = new LintOptions { Catalog = catalog, Prices = request.Prices };
            string lastWhy = "no layout fits";
            foreach (var (nodes, size) in Sizes(perNode, request.MaxNodes))
            {
                var probe = new PlanChoice(gpu, null, nodes, size, nodes > 1 ? network : null, "");
                var result = Linter.Lint(Manifest(model, probe, request, comment: false), "plan.deploy.yaml", options);
                var plan = result.Deployments.FirstOrDefault()?.Plan;
                if (plan == null || !plan.HardwareKnown || !plan.ModelKnown)
                {
                    return new PlanChoice(gpu, null, nodes, size, null, "the plan does not resolve: " + string.Join("; ", result.Active.Where(d => d.Severity == Severity.Error).Select(d => d.Message)));
                }
                var layouts = LayoutPlanner.Enumerate(plan, catalog);
                var best = layouts.FirstOrDefault(c => c.Feasible && c.MeetsTargets);
                if (best != null)
                {
                    return new PlanChoice(gpu, best, nodes, size, nodes > 1 ? network : null,
                        $"{nodes * size} GPU(s) is the smallest count with a layout that fits and meets the targets; {best.Layout} ranks first (decode bound by {best.Time.Decode.DominantName})");
                }
                var feasible = layouts.FirstOrDefault(c => c.Feasible);
                lastWhy = feasible != null ? $"{nodes * size} GPU(s) fit ({feasible.Layout}) but miss the latency targets" : layouts.FirstOrDefault()?.Rejection ?? lastWhy;
            }
            return new PlanChoice(gpu, null, 0, 0, null, $"none up to {request.MaxNodes} node(s) of {perNode}: {lastWhy}");
        }

        /// <summary>GPUs per node a cluster of this part usually has: 8 on NVLink / Infinity Fabric / HCCS boards, else 4.</summary>
        public static int DefaultGpusPerNode(GpuSpec gpu) =>
            gpu.IntraNodeLink.StartsWith("nvlink", StringComparison.Ordinal) || gpu.IntraNodeLink == "xgmi" || gpu.IntraNodeLink == "hccs" ? 8 : 4;

        /// <summary>The deployment sizes tried, smallest first: 1, 2, 4 ... GPUs in one node, then 2, 4 ... whole nodes.</summary>
        public static IEnumerable<(int Nodes, int GpusPerNode)> Sizes(int perNode, int maxNodes)
        {
            for (int g = 1; g <= perNode; g *= 2) yield return (1, g);
            for (int n = 2; n <= maxNodes; n *= 2) yield return (n, perNode);
        }

        /// <summary>The manifest of a choice (its best layout when it has one), as `plan --write` writes it.</summary>
        public static string Manifest(ModelEntry model, PlanChoice choice, PlanRequest request, bool comment)
        {
            string I(long v) => v.ToString(CultureInfo.InvariantCulture);
            var p = choice.Best?.Plan;
            var sb = new System.Text.StringBuilder();
            string name = model.Id.Substring(model.Id.LastIndexOf('/') + 1).ToLowerInvariant().Replace('.', '-');
            if (comment)
            {
                sb.AppendLine("# yaml-language-server: $schema=" + ProjectLinks.Schema);
                sb.AppendLine($"# Written by `deploylint plan`: {choice.Why}.");
            }
            sb.AppendLine("apiVersion: deploylint/v1");
            sb.AppendLine("kind: InferenceDeployment");
            sb.AppendLine($"name: {name}");
            sb.AppendLine("model:");
            sb.AppendLine($"  id: {model.Id}");
            if (request.Weights != null) sb.AppendLine($"  weights: {request.Weights}");
            sb.AppendLine("hardware:");
            sb.AppendLine($"  gpu: {choice.Gpu.Id}");
            sb.AppendLine($"  nodes: {I(choice.Nodes)}");
            sb.AppendLine($"  gpusPerNode: {I(choice.GpusPerNode)}");
            if (choice.Network != null) sb.AppendLine($"  interNode: {choice.Network}");
            if (p != null)
            {
                sb.Append($"parallelism: {{ tensor: {I(p.Tensor)}, pipeline: {I(p.Pipeline)}, data: {I(p.Data)}");
                sb.AppendLine(p.Expert > 1 ? $", expert: {I(p.Expert)} }}" : " }");
            }
            else
            {
                // The probe the planner enumerates from: one replica over every GPU, so its load is the request's concurrency.
                sb.AppendLine($"parallelism: {{ tensor: {I(choice.Gpus)} }}");
            }
            // --concurrency is the deployment's concurrent sequences; each replica (and pipeline micro-batch) takes its share,
            // the batch LayoutPlanner.Evaluate timed, so `check` times the written plan at the same batch.
            long perReplica = p == null ? request.Concurrency : (request.Concurrency + (long)p.Data * p.Pipeline - 1) / ((long)p.Data * p.Pipeline);
            sb.AppendLine("serving:");
            sb.AppendLine($"  engine: {request.Engine}");
            sb.AppendLine($"  maxModelLen: {I(request.Context)}");
            sb.AppendLine($"  maxConcurrentSequences: {I(System.Math.Max(1, perReplica))}");
            var slo = new List<string> { $"inputTokens: {I(request.InputTokens)}", $"outputTokens: {I(request.OutputTokens)}" };
            if (request.TtftMs != null) slo.Add($"ttftMs: {request.TtftMs.Value.ToString(CultureInfo.InvariantCulture)}");
            if (request.TpotMs != null) slo.Add($"tpotMs: {request.TpotMs.Value.ToString(CultureInfo.InvariantCulture)}");
            sb.AppendLine("slo: { " + string.Join(", ", slo) + " }");
            return sb.ToString();
        }
    }
}
