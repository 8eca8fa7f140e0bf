using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DeployLint.Catalog;
using DeployLint.Planning;

namespace DeployLint.Cli
{
    /// <summary>
    /// `deploylint plan`: for each GPU type, the smallest deployment (GPU count: 1, 2, 4 ... within a node, then whole nodes)
    /// whose best layout (LayoutPlanner's ranking) is feasible and meets the targets; a ranking of the GPU types (fewest GPUs,
    /// then tokens/s per GPU); `--write FILE` writes the winner as a manifest that passes `check`.
    /// </summary>
    internal static class PlanCommand
    {
        private sealed class Choice
        {
            public Choice(GpuSpec gpu, LayoutCandidate? best, int nodes, int gpusPerNode, string? network, string why)
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
        }

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            var catalog = cl.Catalog;
            var model = cl.Model == null ? null : catalog.FindModel(cl.Model);
            var gpuNames = (cl.Gpu ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(g => g.Trim()).ToList();
            var gpus = gpuNames.Select(g => catalog.FindGpu(g, out _)).ToList();
            if (model == null || gpus.Count == 0 || gpus.Any(g => g == null))
            {
                stderr.WriteLine("deploylint plan: give --model (a catalog model id) and --gpu (catalog GPU ids, comma-separated), e.g. deploylint plan --model deepseek-ai/DeepSeek-R1 --gpu H100-SXM-80GB,H200-SXM-141GB");
                if (cl.Model != null && model == null) stderr.WriteLine($"  unknown model '{TextReport.Sanitize(cl.Model)}'{Text.Nearest.DidYouMean(cl.Model, catalog.ModelIds)}");
                for (int i = 0; i < gpus.Count; i++) if (gpus[i] == null) stderr.WriteLine($"  unknown GPU '{TextReport.Sanitize(gpuNames[i])}'{Text.Nearest.DidYouMean(gpuNames[i], catalog.Gpus.Select(g => g.Id))}");
                return Program.Usage;
            }
            if (cl.Format != "text" && cl.Format != "json")
            {
                stderr.WriteLine($"deploylint plan: unknown --format '{cl.Format}' (text, json)");
                return Program.Usage;
            }
            var choices = gpus.Select(g => Choose(model, g!, cl, catalog)).ToList();
            var met = choices.Where(c => c.Best != null).ToList();
            IEnumerable<Choice> ordered = cl.Objective switch
            {
                "cost" => met.OrderBy(c => Cost(c)?.PerMillionOutputTokens ?? double.MaxValue).ThenBy(c => c.Nodes * c.GpusPerNode),
                "throughput" => met.OrderByDescending(c => c.Best!.TokensPerSecondPerGpu),
                "latency" => met.OrderBy(c => c.Best!.Time.TpotSeconds).ThenBy(c => c.Best!.Time.TtftSeconds),
                _ => met.OrderBy(c => c.Nodes * c.GpusPerNode).ThenByDescending(c => c.Best!.TokensPerSecondPerGpu),
            };
            var ranked = ordered.Concat(choices.Where(c => c.Best == null)).ToList();
            if (cl.Objective == "cost" && met.Any(c => Cost(c) == null))
            {
                stderr.WriteLine("deploylint plan: --objective cost needs a price for every GPU type (--price GPU=PRICE or prices: in deploylint.yaml); those without one rank last");
            }
            if (cl.Format == "json") WriteJson(stdout, model, ranked);
            else WriteText(stdout, model, ranked);

            var winner = ranked.FirstOrDefault(c => c.Best != null);
            if (cl.Out != null)
            {
                if (winner == null)
                {
                    stderr.WriteLine("deploylint plan: no GPU type has a deployment that meets the targets; nothing written");
                    return Program.Problems;
                }
                if (File.Exists(cl.Out) && !cl.Force)
                {
                    stderr.WriteLine($"deploylint plan: {TextReport.Sanitize(cl.Out)} exists; not overwriting it without --force");
                    return Program.Usage;
                }
                File.WriteAllText(cl.Out, Manifest(model, winner, cl, comment: true));
                if (cl.Format == "text") stdout.WriteLine($"wrote {cl.Out}");
            }
            return winner != null ? Program.Clean : Program.Problems;
        }

        private static Choice Choose(ModelEntry model, GpuSpec gpu, CommandLine cl, HardwareCatalog catalog)
        {
            int perNode = cl.GpusPerNode ?? (gpu.IntraNodeLink.StartsWith("nvlink", StringComparison.Ordinal) || gpu.IntraNodeLink == "xgmi" || gpu.IntraNodeLink == "hccs" ? 8 : 4);
            int maxNodes = cl.MaxNodes ?? 4;
            string network = cl.InterNode ?? (perNode == 8 ? "ib-ndr-400" : "roce-200g");
            var sizes = new List<(int Nodes, int PerNode)>();
            for (int g = 1; g <= perNode; g *= 2) sizes.Add((1, g));
            for (int n = 2; n <= maxNodes; n *= 2) sizes.Add((n, perNode));
            string lastWhy = "no layout fits";
            foreach (var (nodes, size) in sizes)
            {
                var probe = new Choice(gpu, null, nodes, size, nodes > 1 ? network : null, "");
                var result = Linter.Lint(Manifest(model, probe, cl, comment: false), "plan.deploy.yaml", new LintOptions { Catalog = catalog, Prices = cl.PricesByGpuId() });
                var plan = result.Deployments.FirstOrDefault()?.Plan;
                if (plan == null || !plan.HardwareKnown || !plan.ModelKnown) return new Choice(gpu, null, nodes, size, null, "the plan does not resolve: " + string.Join("; ", result.Active.Where(d => d.Severity == Severity.Error).Select(d => d.Message)));
                var layouts = LayoutPlanner.Enumerate(plan, catalog);
                var best = layouts.FirstOrDefault(c => c.Feasible && c.MeetsTargets);
                if (best != null)
                {
                    string why = best.Time.Decode.DominantName;
                    return new Choice(gpu, best, nodes, size, nodes > 1 ? network : null,
                        $"{nodes * size} GPU(s) is the smallest count with a layout that fits and meets the targets; {best.Layout} ranks first (decode bound by {why})");
                }
                var feasible = layouts.FirstOrDefault(c => c.Feasible);
                lastWhy = feasible != null ? $"{nodes * size} GPU(s) fit ({feasible.Layout}) but miss the latency targets" : layouts.FirstOrDefault()?.Rejection ?? lastWhy;
            }
            return new Choice(gpu, null, 0, 0, null, $"none up to {maxNodes} node(s) of {perNode}: {lastWhy}");
        }

        private static Estimation.CostEstimate? Cost(Choice c) => c.Best == null ? null : Estimation.CostEstimate.Of(c.Best.Plan, c.Best.Time);

        private static string Manifest(ModelEntry model, Choice choice, CommandLine cl, bool comment)
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
            if (cl.Weights != null) sb.AppendLine($"  weights: {cl.Weights}");
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
                sb.AppendLine($"parallelism: {{ tensor: {I(choice.Nodes == 1 ? choice.GpusPerNode : choice.GpusPerNode)}, pipeline: {I(choice.Nodes)} }}");
            }
            sb.AppendLine("serving:");
            sb.AppendLine($"  engine: {cl.Engine ?? "vllm"}");
            sb.AppendLine($"  maxModelLen: {I(cl.Context ?? 8192)}");
            sb.AppendLine($"  maxConcurrentSequences: {I(cl.Concurrency ?? 16)}");
            var slo = new List<string> { $"inputTokens: {I(cl.InputTokens ?? 2048)}", $"outputTokens: {I(cl.OutputTokens ?? 512)}" };
            if (cl.TtftMs != null) slo.Add($"ttftMs: {cl.TtftMs.Value.ToString(CultureInfo.InvariantCulture)}");
            if (cl.TpotMs != null) slo.Add($"tpotMs: {cl.TpotMs.Value.ToString(CultureInfo.InvariantCulture)}");
            sb.AppendLine("slo: { " + string.Join(", ", slo) + " }");
            return sb.ToString();
        }

        private static void WriteText(TextWriter output, ModelEntry model, IReadOnlyList<Choice> ranked)
        {
            output.WriteLine($"{model.Id}: the smallest deployment per GPU type, best first");
            int rank = 1;
            foreach (var c in ranked)
            {
                if (c.Best == null)
                {
                    output.WriteLine($"  -  {c.Gpu.Id}: {TextReport.Sanitize(c.Why)}");
                    continue;
                }
                var t = c.Best.Time;
                output.WriteLine($"  {rank++}. {c.Gpu.Id}: {c.Nodes} node(s) x {c.GpusPerNode} = {c.Nodes * c.GpusPerNode} GPU(s), {c.Best.Layout}" + (c.Network != null ? $", {c.Network} between nodes" : ""));
                output.WriteLine($"     TTFT {Units.Milliseconds(t.TtftSeconds)}, TPOT {Units.Milliseconds(t.TpotSeconds)}, {Units.Number(c.Best.TokensPerSecondPerGpu, "0.0")} output tokens/s per GPU; {Units.GiB(c.Best.Memory.KvCacheBytes)} KV per GPU");
                if (Cost(c) is Estimation.CostEstimate cost) output.WriteLine($"     {TextReport.CostLine(cost)}");
                output.WriteLine($"     {c.Why}");
            }
        }

        private static void WriteJson(TextWriter output, ModelEntry model, IReadOnlyList<Choice> ranked)
        {
            using var stream = new MemoryStream();
            using (var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }))
            {
                w.WriteStartObject();
                w.WriteString("model", model.Id);
                w.WriteStartArray("gpus");
                foreach (var c in ranked)
                {
                    w.WriteStartObject();
                    w.WriteString("gpu", c.Gpu.Id);
                    w.WriteBoolean("meetsTargets", c.Best != null);
                    w.WriteString("why", c.Why);
                    if (c.Best != null)
                    {
                        w.WriteNumber("nodes", c.Nodes);
                        w.WriteNumber("gpusPerNode", c.GpusPerNode);
                        w.WriteNumber("gpus", c.Nodes * c.GpusPerNode);
                        w.WriteString("layout", c.Best.Layout);
                        w.WriteNumber("ttftSeconds", c.Best.Time.TtftSeconds);
                        w.WriteNumber("tpotSeconds", c.Best.Time.TpotSeconds);
                        w.WriteNumber("outputTokensPerSecondPerGpu", c.Best.TokensPerSecondPerGpu);
                        w.WriteNumber("kvCacheBytesPerGpu", c.Best.Memory.KvCacheBytes);
                        if (Cost(c) is Estimation.CostEstimate cost) JsonReport.WriteCost(w, cost);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
    }
}
