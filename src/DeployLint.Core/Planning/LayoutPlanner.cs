using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Catalog;
using DeployLint.Estimation;
using DeployLint.Plans;
using DeployLint.Rules;

namespace DeployLint.Planning
{
    /// <summary>One (TP, PP, DP, EP) layout on the declared hardware, with its estimates and verdict.</summary>
    public sealed class LayoutCandidate
    {
        public LayoutCandidate(DeploymentPlan plan, MemoryEstimate memory, TimeEstimate time, string? rejection, bool meetsTargets, long load)
        {
            Plan = plan;
            Memory = memory;
            Time = time;
            Rejection = rejection;
            MeetsTargets = meetsTargets;
            Load = load;
        }

        /// <summary>Sequences in flight over all replicas: the same for every candidate of one comparison.</summary>
        public long Load { get; }

        public DeploymentPlan Plan { get; }
        public MemoryEstimate Memory { get; }
        public TimeEstimate Time { get; }

        /// <summary>Why the layout cannot run ("DPL4001: ..."); null when it can.</summary>
        public string? Rejection { get; }
        public bool Feasible => Rejection == null;
        public bool MeetsTargets { get; }
        /// <summary>Output tokens per second per GPU when all replicas together serve <see cref="Load"/> sequences.</summary>
        public double TokensPerSecondPerGpu => Time.TpotSeconds > 0 ? Load / Time.TpotSeconds / Plan.TotalGpus : 0;
        public string Layout => Plan.Layout;
    }

    /// <summary>
    /// Enumerates every (TP, PP, DP, EP) the declared GPUs allow, evaluates each with the same estimates and rules as a
    /// manifest, and ranks the feasible ones: targets met first, then output tokens/s per GPU, then TTFT.
    /// </summary>
    public static class LayoutPlanner
    {
        private static readonly HashSet<string> TargetRules = new HashSet<string>(StringComparer.Ordinal) { "DPL2001", "DPL2002" };

        /// <summary>Only rules that can reject a layout (errors by default) run for candidates; notes and warnings cannot.</summary>
        private static readonly PlanRule[] RejectingRules = RuleRegistry.PlanRules
            .Where(r => r.Descriptor.DefaultSeverity == Severity.Error && r.Descriptor.Category != RuleCategory.Efficiency).ToArray();

        /// <summary>
        /// The load every layout is compared at: the declared plan's sequences in flight (concurrency per replica x
        /// pipeline micro-batches x replicas), or 16 per replica when no concurrency is declared.
        /// </summary>
        public static long LoadOf(DeploymentPlan declared)
        {
            long perReplica = declared.MaxConcurrentSequencesDeclared ? declared.MaxConcurrentSequences : 16;
            return Math.Max(1, perReplica * Math.Max(1, declared.Pipeline) * Math.Max(1, declared.Data));
        }

        public static IReadOnlyList<LayoutCandidate> Enumerate(DeploymentPlan declared, HardwareCatalog catalog)
        {
            using var culture = Text.InvariantCultureScope.Enter();
            var result = new List<LayoutCandidate>();
            long load = LoadOf(declared);
            int gpus = declared.TotalGpus;
            var a = declared.Architecture;
            foreach (int tp in Divisors(gpus))
            {
                foreach (int pp in Divisors(gpus / tp))
                {
                    int dp = gpus / (tp * pp);
                    if (pp > a.LayerCount) continue;
                    foreach (int ep in ExpertOptions(declared, tp, dp))
                    {
                        result.Add(Evaluate(declared.WithLayout(tp, pp, dp, ep), catalog, load));
                    }
                }
            }
            result.Sort(Compare);
            return result;
        }

        public static LayoutCandidate Evaluate(DeploymentPlan plan, HardwareCatalog catalog, long load)
        {
            var memory = MemoryEstimator.Estimate(plan);
            int microBatches = Math.Max(1, plan.Data) * Math.Max(1, plan.Pipeline);
            int batch = (int)Math.Min(int.MaxValue, Math.Max(1, (load + microBatches - 1) / microBatches));
            var bag = new DiagnosticBag("");
            // Layouts whose weights do not fit are rejected before their time is estimated.
            var time = memory.WeightsBytes > memory.BudgetBytes ? new TimeEstimate() : TimeEstimator.Estimate(plan, memory, catalog.Efficiency, batch);
            var context = new PlanContext(plan, memory, time, catalog, bag);
            foreach (var rule in RejectingRules)
            {
                rule.Analyze(context);
                if (bag.HasErrors && !TargetRules.Contains(bag.Items[bag.Items.Count - 1].Id)) break;
            }
            string? rejection = null;
            bool meets = true;
            foreach (var d in bag.Items)
            {
                if (d.Severity != Severity.Error) continue;
                if (TargetRules.Contains(d.Id))
                {
                    meets = false;
                    continue;
                }
                rejection ??= d.Id + ": " + d.Message;
            }
            if (rejection == null)
            {
                long perReplica = (long)batch * Math.Max(1, plan.Pipeline);
                long needed = perReplica * TimeEstimator.DecodeContext(plan);
                if (memory.MaxTokensInKvCache < needed)
                {
                    rejection = $"KV cache holds {Units.Count(memory.MaxTokensInKvCache)} tokens per replica, not the {Units.Count(perReplica)} sequences x {Units.Count(TimeEstimator.DecodeContext(plan))} tokens of its share of the load";
                }
            }
            return new LayoutCandidate(plan, memory, time, rejection, meets, load);
        }

        /// <summary>Feasible first; then targets met, tokens/s per GPU (higher), TTFT (lower), fewer TP ranks, fewer EP ranks (no EP where it changes nothing).</summary>
        public static int Compare(LayoutCandidate x, LayoutCandidate y)
        {
            int c = y.Feasible.CompareTo(x.Feasible);
            if (c != 0) return c;
            c = y.MeetsTargets.CompareTo(x.MeetsTargets);
            if (c != 0) return c;
            c = Math.Round(y.TokensPerSecondPerGpu, 6).CompareTo(Math.Round(x.TokensPerSecondPerGpu, 6));
            if (c != 0) return c;
            c = x.Time.TtftSeconds.CompareTo(y.Time.TtftSeconds);
            c = x.Plan.Tensor.CompareTo(y.Plan.Tensor);
            return c != 0 ? c : x.Plan.Expert.CompareTo(y.Plan.Expert);
        }

        /// <summary>EP = 1, EP over the TP group (SGLang, TensorRT-LLM style) and EP over TP x DP (vLLM --enable-expert-parallel).</summary>
        private static IEnumerable<int> ExpertOptions(DeploymentPlan plan, int tp, int dp)
        {
            yield return 1;
            var moe = plan.Architecture.Moe;
            if (moe == null) yield break;
            if (tp > 1 && moe.RoutedExperts % tp == 0) yield return tp;
            int all = tp * dp;
            if (all > 1 && all != tp && moe.RoutedExperts % all == 0) yield return all;
        }

        /// <summary>The divisors of n in ascending order, found up to its square root (a GPU count can be absurd in a hostile file).</summary>
        public static IEnumerable<int> Divisors(int n)
        {
            var large = new List<int>();
            for (int d = 1; (long)d * d <= n; d++)
            {
                if (n % d != 0) continue;
                yield return d;
                if (d != n / d) large.Add(n / d);
            }
            for (int i = large.Count - 1; i >= 0; i--) yield return large[i];
        }
    }
}
