using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeployLint.Planning;

namespace DeployLint.Cli
{
    /// <summary>Output of `deploylint suggest`: the ranked layouts of each deployment's hardware.</summary>
    internal static class SuggestReport
    {
        public static void WriteText(TextWriter output, DeploymentResult deployment, IReadOnlyList<LayoutCandidate> ranked, int top)
        {
            var plan = deployment.Plan!;
            var feasible = ranked.Where(c => c.Feasible).ToList();
            output.WriteLine($"{TextReport.Sanitize(deployment.Name)}: {plan.TotalGpus} x {plan.Gpu.Id} ({plan.Nodes} x {plan.GpusPerNode}), {TextReport.Sanitize(plan.ModelId)} {plan.WeightsFormat}, " +
                             $"compared at {Units.Count(ranked.FirstOrDefault()?.Load ?? 0)} concurrent sequences");
            output.WriteLine($"{ranked.Count} layouts, {feasible.Count} feasible; ranked by targets met, output tokens/s per GPU, TTFT");
            output.WriteLine();
            output.WriteLine("  #  layout                         weights/GPU  KV/GPU      TTFT       TPOT      tok/s/GPU  TP link      targets");
            int rank = 0;
            foreach (var c in feasible.Take(top))
            {
                rank++;
                string current = c.Layout == plan.Layout ? "  (declared)" : "";
                output.WriteLine($"{rank,3}  {c.Layout,-30} {Units.GiB(c.Memory.WeightsBytes),11}  {Units.GiB(c.Memory.KvCacheBytes),-10}  {Units.Milliseconds(c.Time.TtftSeconds),9}  {Units.Milliseconds(c.Time.TpotSeconds),8}  " +
                                 $"{Units.Number(c.TokensPerSecondPerGpu, "0"),9}  {(c.Time.TensorParallelLink?.Id ?? "-"),-11}  {(c.MeetsTargets ? "met" : "missed")}{current}");
            }
            var rejected = ranked.Where(c => !c.Feasible).ToList();
            if (rejected.Count > 0)
            {
                output.WriteLine();
                output.WriteLine($"rejected ({rejected.Count}):");
                foreach (var c in rejected.Take(top)) output.WriteLine($"  {c.Layout}: {TextReport.Sanitize(c.Rejection!)}");
                if (rejected.Count > top) output.WriteLine($"  ... and {rejected.Count - top} more (--top {rejected.Count} lists all)");
            }
            output.WriteLine();
        }

        public static void WriteJson(Utf8JsonWriter w, DeploymentResult deployment, IReadOnlyList<LayoutCandidate> ranked)
        {
            w.WriteStartObject();
            w.WriteString("name", deployment.Name);
            w.WriteNumber("load", ranked.FirstOrDefault()?.Load ?? 0);
            w.WriteStartArray("layouts");
            foreach (var c in ranked)
            {
                w.WriteStartObject();
                w.WriteNumber("tensor", c.Plan.Tensor);
                w.WriteNumber("pipeline", c.Plan.Pipeline);
                w.WriteNumber("data", c.Plan.Data);
                w.WriteNumber("expert", c.Plan.Expert);
                w.WriteBoolean("feasible", c.Feasible);
                if (c.Rejection != null) w.WriteString("rejection", c.Rejection); else w.WriteNull("rejection");
                w.WriteBoolean("meetsTargets", c.MeetsTargets);
                w.WriteNumber("weightsBytes", c.Memory.WeightsBytes);
                w.WriteNumber("kvCacheBytes", c.Memory.KvCacheBytes);
                w.WriteNumber("ttftSeconds", System.Math.Round(c.Time.TtftSeconds, 6));
                w.WriteNumber("tpotSeconds", System.Math.Round(c.Time.TpotSeconds, 6));
                w.WriteNumber("tokensPerSecondPerGpu", System.Math.Round(c.TokensPerSecondPerGpu, 2));
                if (c.Time.TensorParallelLink != null) w.WriteString("tensorParallelLink", c.Time.TensorParallelLink.Id); else w.WriteNull("tensorParallelLink");
                w.WriteNumber("commShareOfDecodeStep", System.Math.Round(c.Time.Decode.CommShare, 4));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}
