using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DeployLint.Catalog;
using DeployLint.Planning;

namespace DeployLint.Cli.Commands
{
    /// <summary>
    /// `deploylint plan`: <see cref="DeploymentPlanner"/> for each GPU type, the GPU types ranked by --objective (fewest GPUs
    /// then tokens/s per GPU by default), `--write FILE` for the winner.
    /// </summary>
    internal static class PlanCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("plan", new[] { "--model", "--gpu", "--weights", "--engine", "--gpus-per-node", "--max-nodes", "--context", "--concurrency",
                    "--input-tokens", "--output-tokens", "--ttft-ms", "--tpot-ms", "--out", "-o", "--write", "--force", "--format", "-f", "--inter-node", "--catalog", "--root",
                    "--price", "--objective" },
                "deploylint plan --model ID --gpu ID[,ID...] [options]",
                "For each GPU type, the smallest deployment (1, 2, 4 ... GPUs in a node, then 2, 4 ... nodes) whose best layout fits\n" +
                "and meets the targets, with the reason; the GPU types ranked by GPUs needed, then output tokens/s per GPU.",
                "--weights FORMAT        weight format (default the checkpoint's)\n  --engine vllm|sglang|trtllm\n" +
                "  --gpus-per-node N       GPUs per node (default 8 on NVLink parts, else 4)\n  --max-nodes N           (default 4)\n" +
                "  --context N             maxModelLen (default 8192)\n  --concurrency N         sequences per replica (default 16)\n" +
                "  --input-tokens N, --output-tokens N   the request shape (default 2048 / 512)\n" +
                "  --ttft-ms MS, --tpot-ms MS            latency targets\n  --inter-node ID         network between nodes (default ib-ndr-400 for NVLink parts)\n" +
                "  --write FILE            write the winner as a manifest (never overwrites without --force)\n" +
                "  --price GPU=PRICE       price per GPU-hour (repeatable; over deploylint.yaml prices:)\n" +
                "  --objective gpus|cost|throughput|latency   the ranking (default gpus: fewest GPUs, then tokens/s per GPU)\n  --format text|json",
                Run);

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
            var request = new PlanRequest
            {
                Weights = cl.Weights,
                Engine = cl.Engine ?? "vllm",
                GpusPerNode = cl.GpusPerNode,
                MaxNodes = cl.MaxNodes ?? 4,
                Context = cl.Context ?? 8192,
                Concurrency = cl.Concurrency ?? 16,
                InputTokens = cl.InputTokens ?? 2048,
                OutputTokens = cl.OutputTokens ?? 512,
                TtftMs = cl.TtftMs,
                TpotMs = cl.TpotMs,
                InterNode = cl.InterNode,
                Prices = cl.PricesByGpuId(),
            };
            var choices = gpus.Select(g => DeploymentPlanner.Choose(model, g!, request, catalog)).ToList();
            var met = choices.Where(c => c.Best != null).ToList();
            IEnumerable<PlanChoice> ordered = cl.Objective switch
            {
                "cost" => met.OrderBy(c => c.Cost?.PerMillionOutputTokens ?? double.MaxValue).ThenBy(c => c.Gpus),
                "throughput" => met.OrderByDescending(c => c.Best!.TokensPerSecondPerGpu),
                "latency" => met.OrderBy(c => c.Best!.Time.TpotSeconds).ThenBy(c => c.Best!.Time.TtftSeconds),
                _ => met.OrderBy(c => c.Gpus).ThenByDescending(c => c.Best!.TokensPerSecondPerGpu),
            };
            var ranked = ordered.Concat(choices.Where(c => c.Best == null)).ToList();
            if (cl.Objective == "cost" && met.Any(c => c.Cost == null))
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
                File.WriteAllText(cl.Out, DeploymentPlanner.Manifest(model, winner, request, comment: true));
                if (cl.Format == "text") stdout.WriteLine($"wrote {cl.Out}");
            }
            return winner != null ? Program.Clean : Program.Problems;
        }

        private static void WriteText(TextWriter output, ModelEntry model, IReadOnlyList<PlanChoice> ranked)
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
                output.WriteLine($"  {rank++}. {c.Gpu.Id}: {c.Nodes} node(s) x {c.GpusPerNode} = {c.Gpus} GPU(s), {c.Best.Layout}" + (c.Network != null ? $", {c.Network} between nodes" : ""));
                output.WriteLine($"     TTFT {Units.Milliseconds(t.TtftSeconds)}, TPOT {Units.Milliseconds(t.TpotSeconds)}, {Units.Number(c.Best.TokensPerSecondPerGpu, "0.0")} output tokens/s per GPU; {Units.GiB(c.Best.Memory.KvCacheBytes)} KV per GPU");
                if (c.Cost is Estimation.CostEstimate cost) output.WriteLine($"     {TextReport.CostLine(cost)}");
                output.WriteLine($"     {c.Why}");
            }
        }

        private static void WriteJson(TextWriter output, ModelEntry model, IReadOnlyList<PlanChoice> ranked)
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
                        w.WriteNumber("gpus", c.Gpus);
                        w.WriteString("layout", c.Best.Layout);
                        w.WriteNumber("ttftSeconds", c.Best.Time.TtftSeconds);
                        w.WriteNumber("tpotSeconds", c.Best.Time.TpotSeconds);
                        w.WriteNumber("outputTokensPerSecondPerGpu", c.Best.TokensPerSecondPerGpu);
                        w.WriteNumber("kvCacheBytesPerGpu", c.Best.Memory.KvCacheBytes);
                        if (c.Cost is Estimation.CostEstimate cost) JsonReport.WriteCost(w, cost);
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
