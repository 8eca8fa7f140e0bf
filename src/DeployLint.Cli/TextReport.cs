using System.IO;
using System.Linq;
using DeployLint.Estimation;

namespace DeployLint.Cli
{
    /// <summary>Human-readable output: MSBuild-style diagnostic lines and the per-GPU breakdown of `estimate`.</summary>
    internal static class TextReport
    {
        public static void WriteDiagnostic(TextWriter output, Diagnostic d, string displayPath)
        {
            output.WriteLine($"{displayPath}({d.Span.StartLine},{d.Span.StartColumn}): {d.Severity.ToName()} {d.Id}: {Sanitize(d.Message)} [{d.Rule.HelpUri}]");
        }

        public static void WriteEstimate(TextWriter output, LintResult result, string displayPath, bool color = false)
        {
            var inDeployments = result.Deployments.SelectMany(d => d.Diagnostics).ToHashSet();
            foreach (var d in result.Diagnostics.Where(x => !inDeployments.Contains(x) && !x.IsSuppressed)) WriteDiagnostic(output, d, displayPath);
            foreach (var deployment in result.Deployments)
            {
                output.WriteLine($"{Sanitize(deployment.Name)}  ({displayPath})");
                var plan = deployment.Plan;
                var m = deployment.Memory;
                if (plan != null && m == null)
                {
                    var a = plan.Architecture;
                    output.WriteLine($"  source   {Sanitize(deployment.Manifest.Origin ?? "DeployLint manifest")}");
                    output.WriteLine($"  model    {Sanitize(plan.ModelId)} ({a.Family}, {Billions(a.TotalParameters)} parameters, {Billions(a.ActiveParameters)} active, {a.LayerCount} layers)");
                    output.WriteLine($"  plan     {plan.TotalGpus} x unknown GPU ({plan.Nodes} node{(plan.Nodes == 1 ? "" : "s")} x {plan.GpusPerNode}), TP {plan.Tensor} x PP {plan.Pipeline} x DP {plan.Data}, EP {plan.Expert}");
                    output.WriteLine($"           {plan.EngineDescription}, maxModelLen {Units.Count(plan.MaxModelLen)}; no memory or time estimate without the GPU type");
                }
                if (plan != null && m != null)
                {
                    var a = plan.Architecture;
                    if (deployment.Manifest.Origin != null) output.WriteLine($"  source   {Sanitize(deployment.Manifest.Origin)}");
                    output.WriteLine($"  model    {Sanitize(plan.ModelId)} ({a.Family}, {Billions(a.TotalParameters)} parameters, {Billions(a.ActiveParameters)} active, {a.LayerCount} layers)");
                    output.WriteLine($"           weights {plan.Quantization.Describe()}; activations {plan.ActivationFormat}; KV cache {plan.KvCacheFormat}");
                    output.WriteLine($"  plan     {plan.TotalGpus} x {plan.Gpu.Id} ({plan.Nodes} node{(plan.Nodes == 1 ? "" : "s")} x {plan.GpusPerNode}), TP {plan.Tensor} x PP {plan.Pipeline} x DP {plan.Data}, EP {plan.Expert}");
                    output.WriteLine($"           {plan.EngineDescription}, maxModelLen {Units.Count(plan.MaxModelLen)}, maxBatchedTokens {Units.Count(plan.MaxBatchedTokens)}, maxConcurrentSequences {Units.Count(plan.MaxConcurrentSequences)}");
                    output.WriteLine($"  per GPU  capacity {Units.GiB(m.CapacityBytes)} (as CUDA reports it), engine budget {Units.GiB(m.BudgetBytes)}");
                    MemoryBar.Write(output, m, color);
                    output.WriteLine($"           {m.BudgetRule}");
                    string stage = plan.Pipeline > 1 ? $"  (largest stage {m.LargestStage.Stage}: layers {m.LargestStage.FirstLayer}-{m.LargestStage.FirstLayer + m.LargestStage.LayerCount - 1})" : "";
                    output.WriteLine($"           weights      {Pad(Units.GiB(m.WeightsBytes))}{stage}");
                    output.WriteLine($"           activations  {Pad(Units.GiB(m.ActivationBytes))}");
                    output.WriteLine($"           overhead     {Pad(Units.GiB(m.OverheadBytes))}");
                    output.WriteLine($"           KV cache     {Pad(Units.GiB(m.KvBudgetBytes))}  ({Units.Count(m.MaxTokensInKvCache)} tokens at {Units.Count(m.KvBytesPerToken)} bytes/token)");
                    output.WriteLine($"  serving  {Units.Number(m.ConcurrencyAtMaxModelLen)}x requests of maxModelLen {Units.Count(plan.MaxModelLen)} fit in the KV cache at once");
                    var t = deployment.Time;
                    if (t != null)
                    {
                        output.WriteLine($"  time     TTFT {Units.Milliseconds(t.TtftSeconds)} (prefill of {Units.Count(t.InputTokens)} tokens, bound by {t.Prefill.DominantName}); " +
                                         $"TPOT {Units.Milliseconds(t.TpotSeconds)} at {t.DecodeBatch} sequence{(t.DecodeBatch == 1 ? "" : "s")} (bound by {t.Decode.DominantName})");
                        output.WriteLine($"           {Units.Number(t.TokensPerSecondPerReplica, "0")} output tokens/s per replica, {Units.Number(t.TokensPerSecondPerGpu, "0")} per GPU");
                        output.WriteLine($"  links    TP {t.TensorParallelLink?.Id ?? "-"}, PP {t.PipelineLink?.Id ?? "-"}, EP {t.ExpertParallelLink?.Id ?? "-"}; " +
                                         $"communication {Units.Percent(t.Decode.CommShare)} of a decode step, {Units.Percent(t.Prefill.CommShare)} of prefill");
                    }
                    if (Estimation.CostEstimate.Of(plan, t) is Estimation.CostEstimate cost) output.WriteLine($"  cost     {CostLine(cost)} ({plan.TotalGpus} GPUs x {Units.Number(plan.PricePerGpuHour!.Value)} per GPU-hour)");
                }
                foreach (var d in deployment.Diagnostics.Where(x => !x.IsSuppressed)) WriteDiagnostic(output, d, displayPath);
                output.WriteLine();
            }
        }

        private static string Pad(string s) => s.PadLeft(10);

        private static string Billions(long n) => Units.Number(n / 1e9, "0.0#") + "B";

        /// <summary>Strips control characters so user text cannot move the cursor or inject escape sequences.</summary>
        public static string Sanitize(string text)
        {
            var chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (char.IsControl(chars[i])) chars[i] = '?';
            }
            return new string(chars);
        }

        /// <summary>"2.49 per hour, 0.83 per million output tokens, 0.21 per million input tokens" (the price's currency).</summary>
        internal static string CostLine(Estimation.CostEstimate cost) =>
            $"{Units.Number(cost.PerHour, "0.00")} per hour" +
            (cost.PerMillionOutputTokens is double output ? $", {Units.Number(output, "0.000")} per million output tokens" : "") +
            (cost.PerMillionInputTokens is double input ? $", {Units.Number(input, "0.000")} per million input tokens at the declared load" : "");
    }
}
