using System;
using System.Collections.Generic;
using DeployLint.Catalog;
using DeployLint.Models;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// Roofline time per GPU and phase: max(FLOPs / (peak x mfu), HBM bytes / (bandwidth x mbu)) per pipeline stage,
    /// plus the MoE activations written and read back between kernels, the collectives of that stage on the link its group
    /// crosses and the floor of the kernels it launches (<see cref="StepOverhead"/>); under load, other requests' prefills
    /// (<see cref="UnderLoad"/>). Efficiency factors come from the catalog.
    /// </summary>
    public static class TimeEstimator
    {
        public const long DefaultInputTokens = 2048;
        public const long DefaultOutputTokens = 256;

        /// <param name="decodeBatch">Sequences per decode step (per micro-batch); the declared concurrency when omitted, else 1.</param>
        public static TimeEstimate Estimate(DeploymentPlan plan, MemoryEstimate memory, EfficiencyProfile efficiency, int? decodeBatch = null)
        {
            long input = InputTokens(plan);
            long output = plan.OutputTokens > 0 ? plan.OutputTokens : DefaultOutputTokens;
            int batch = decodeBatch ?? (int)Math.Max(1, plan.MaxConcurrentSequencesDeclared ? Math.Min(plan.MaxConcurrentSequences, int.MaxValue) : 1);
            long context = Math.Min(plan.MaxModelLen, input + output / 2);
            var result = new TimeEstimate
            {
                InputTokens = input,
                OutputTokens = output,
                DecodeBatch = batch,
                DecodeContext = context,
                PipelineStages = Math.Max(1, plan.Pipeline),
                TensorParallelLink = Topology.TensorParallelLink(plan),
                PipelineLink = Topology.PipelineLink(plan),
                ExpertParallelLink = Topology.ExpertParallelLink(plan),
            };

            var costs = new LayerCost?[plan.Architecture.Kinds.Distinct.Count];
            var prefill = new PhaseTime();
            var decode = new PhaseTime();
            var firstToken = new PhaseTime();
            foreach (var stage in memory.Stages)
            {
                bool last = stage.Stage == memory.Stages.Count - 1;
                // Identical layers (the same DecoderLayer object) cost the same: evaluate each kind once and multiply.
                var perKind = stage.LayersPerKind;
                Add(prefill, StagePhase(plan, efficiency, costs, perKind, last, tokens: input, sequences: 1, context: input, isPrefill: true, result));
                Add(firstToken, StagePhase(plan, efficiency, costs, perKind, last, tokens: 1, sequences: 1, context: input + 1, isPrefill: false, null));
                Add(decode, StagePhase(plan, efficiency, costs, perKind, last, tokens: batch, sequences: batch, context: context, isPrefill: false, result));
            }
            result.Prefill = prefill;
            result.Decode = decode;
            result.LoneTtftSeconds = prefill.Seconds + firstToken.Seconds;
            UnderLoad(plan, result, batch, input, output);
            int gpusPerReplica = Math.Max(1, plan.Tensor * plan.Pipeline);
            result.TokensPerSecondPerGpu = result.TokensPerSecondPerReplica / gpusPerReplica;
            return result;
        }

        /// <summary>
        /// Steady state of <paramref name="clients"/> closed-loop clients, each sending the next request when the last one
        /// ends: every decode step, clients x input / output prompt tokens arrive (a request lives about `output` steps).
        /// SGLang runs them as prefill batches between decode steps, so each step pays their whole forward pass;
        /// vLLM and TensorRT-LLM mix prompt chunks of at most max_num_batched_tokens into the decode step, so a step pays
        /// only what a chunk adds to it: its FLOPs and collectives, and the weights it reads beyond the decode's own.
        /// TTFT adds the rest of the step running when the request arrives and the M/D/1 wait behind other prefills.
        /// </summary>
        private static void UnderLoad(DeploymentPlan plan, TimeEstimate t, int clients, long input, long output)
        {
            t.TtftSeconds = t.LoneTtftSeconds;
            if (clients <= 1) return;
            var prefill = t.Prefill;
            var decode = t.Decode;
            t.PrefillsPerDecodeStep = clients / (double)Math.Max(1, output);
            Admission(plan, t, clients, input);
            double prefillOccupancy;
            if (plan.Engine == ServingEngine.Sglang)
            {
                // Prompts admitted together run as one prefill batch: the host dispatches its kernels once for all of them.
                double perPrompt = (prefill.Seconds + t.BatchedPrefillSeconds) / t.AdmittedTogether;
                t.PrefillInterferenceSeconds = t.PrefillsPerDecodeStep * perPrompt;
                prefillOccupancy = perPrompt;
            }
            else
            {
                long chunk = plan.MaxBatchedTokens > 0 ? plan.MaxBatchedTokens : input;
                double chunks = Math.Ceiling(input / (double)Math.Max(1, chunk));
                double chunkCompute = prefill.ComputeSeconds / chunks;
                double mixedStep = Math.Max(decode.ComputeSeconds + chunkCompute, Math.Max(decode.MemorySeconds, prefill.MemorySeconds / chunks))
                    + decode.ActivationSeconds + prefill.ActivationSeconds / chunks
                    + decode.CommSeconds + prefill.CommSeconds / chunks + decode.KernelFloorSeconds;
                double extraPerChunk = Math.Max(0, mixedStep - decode.Seconds);
                t.PrefillInterferenceSeconds = t.PrefillsPerDecodeStep * chunks * extraPerChunk;
                prefillOccupancy = chunks * mixedStep;
            }
            double requestSeconds = t.LoneTtftSeconds + (output - 1) * t.TpotSeconds;
            double arrivalsPerSecond = requestSeconds > 0 ? clients / requestSeconds : 0;
            double utilisation = Math.Min(0.95, arrivalsPerSecond * prefillOccupancy);
            t.PrefillQueueSeconds = utilisation * prefillOccupancy / (2 * (1 - utilisation));
            t.StepResidualSeconds = t.TpotSeconds / 2;
            t.TtftSeconds = t.LoneTtftSeconds + t.StepResidualSeconds + t.AdmissionWaitSeconds + t.BatchedPrefillSeconds + t.PrefillQueueSeconds;
        }

        /// <summary>
        /// Engine settings that hold an arrived request back while others decode, and the batched prefill that follows.
        /// SGLang (scheduler_recv_skipper.py): with --scheduler-recv-interval N the scheduler polls its input socket once
        /// every N decode steps (a prefill resets the count), so a request waits (N - 1) / 2 steps more on average, and
        /// the requests of one poll are prefilled together. TensorRT-LLM (PyExecutor._waiting_requests): while generation
        /// requests run, context requests wait until batch_wait_timeout_iters iterations pass or the step's tokens reach
        /// batch_wait_max_tokens_ratio x max_num_tokens; both must be set (either at 0 stops the waiting at once), and neither
        /// applies under attention DP. There TensorRT-LLM's attention_dp_config.enable_balance (PyExecutor._balance_adp_requests)
        /// holds context requests until every rank has one, or timeout_iters iterations pass, then batching_wait_iters more.
        /// </summary>
        private static void Admission(DeploymentPlan plan, TimeEstimate t, int clients, long input)
        {
            // While a request is held the engine runs decode-only steps: the prefills wait with it.
            double step = t.Decode.Seconds;
            double arrivalsPerStep = t.PrefillsPerDecodeStep;
            double together = 1;
            if (plan.Engine == ServingEngine.Sglang && plan.SchedulerRecvInterval > 1)
            {
                int interval = plan.SchedulerRecvInterval;
                t.AdmissionWaitSeconds = (interval - 1) / 2.0 * step;
                together = 1 + Math.Min(clients - 1, arrivalsPerStep * interval);
            }
            else if (plan.Engine == ServingEngine.Trtllm && plan.AttentionData > 1)
            {
                if (!plan.AttentionDpBalance) return;
                // A rank without generation requests lets context requests go at once; with the clients spread over the
                // ranks that takes fewer clients than ranks.
                int ranks = plan.AttentionData;
                if (clients - 1 < ranks) return;
                // New requests land on the rank that just finished one, so arrivals fall on random ranks: covering all of
                // them takes ranks x H(ranks) arrivals (the coupon collector). The waiting counter runs every iteration in
                // which some rank has none, so without cover the contexts go every timeout_iters iterations.
                double harmonic = 0;
                for (int r = 1; r <= ranks; r++) harmonic += 1.0 / r;
                double cover = arrivalsPerStep > 0 ? ranks * harmonic / arrivalsPerStep : double.PositiveInfinity;
                double cycle = Math.Min(plan.AttentionDpTimeoutIterations, cover);
                double batching = cover < plan.AttentionDpTimeoutIterations ? plan.AttentionDpBatchingWaitIterations : 0;
                t.AdmissionWaitSeconds = (cycle / 2 + batching) * step;
                together = Math.Max(1, arrivalsPerStep * (cycle + batching) / ranks);
            }
            else if (plan.Engine == ServingEngine.Trtllm && plan.BatchWaitIterations > 0 && plan.BatchWaitTokenRatio > 0)
            {
                long maxNumTokens = plan.MaxBatchedTokens > 0 ? plan.MaxBatchedTokens : 8192;
                double running = clients - 1;
                double needed = Math.Ceiling((plan.BatchWaitTokenRatio * maxNumTokens - running) / Math.Max(1, input));
                if (needed <= 1) return;
                // The first request of a batch waits until the timeout or until enough others arrive; later ones less.
                double steps = plan.BatchWaitIterations;
                if (arrivalsPerStep > 0 && arrivalsPerStep * steps >= needed - 1) steps = (needed - 1) / arrivalsPerStep;
                double others = Math.Min(clients - 1, arrivalsPerStep * steps);
                t.AdmissionWaitSeconds = steps * (1 + others / 2) / (1 + others) * step;
                together = 1 + others;
            }
            if (together <= 1) return;
            t.AdmittedTogether = together;
            var prefill = t.Prefill;
            double batched = Math.Max(together * prefill.GpuSeconds, prefill.HostLaunchSeconds);
            t.BatchedPrefillSeconds = Math.Max(0, batched - prefill.Seconds);
        }

        /// <summary>The engine setting that holds prompts back in <see cref="Admission"/>, as the engine's documentation names it.</summary>
        public static string AdmissionSetting(DeploymentPlan plan) =>
            plan.Engine == ServingEngine.Sglang ? "--scheduler-recv-interval" :
            plan.AttentionData > 1 ? "attention_dp_config.enable_balance" : "batch_wait_timeout_iters";

        public static long InputTokens(DeploymentPlan plan) =>
            plan.InputTokens > 0 ? plan.InputTokens : Math.Min(DefaultInputTokens, Math.Max(1, plan.MaxModelLen / 2));

        /// <summary>Average context of a decode step: the prompt plus half the output.</summary>
        public static long DecodeContext(DeploymentPlan plan) =>
            Math.Min(plan.MaxModelLen, InputTokens(plan) + (plan.OutputTokens > 0 ? plan.OutputTokens : DefaultOutputTokens) / 2);

        private static void Add(PhaseTime total, PhaseTime stage)
        {
            total.Seconds += stage.Seconds;
            total.ComputeSeconds += stage.ComputeSeconds;
            total.MemorySeconds += stage.MemorySeconds;
            total.CommSeconds += stage.CommSeconds;
            total.ActivationSeconds += stage.ActivationSeconds;
            total.ActivationBytes += stage.ActivationBytes;
            total.Kernels += stage.Kernels;
            total.KernelFloorSeconds += stage.KernelFloorSeconds;
            total.HostLaunchSeconds += stage.HostLaunchSeconds;
            total.Flops += stage.Flops;
            total.Bytes += stage.Bytes;
        }

        private static PhaseTime StagePhase(DeploymentPlan plan, EfficiencyProfile eff, LayerCost?[] costs, int[] perKind, bool last,
            long tokens, long sequences, long context, bool isPrefill, TimeEstimate? record)
        {
            var a = plan.Architecture;
            int actBytes = Formats.FloatBytes(plan.ActivationFormat);
            int kvBytes = Formats.KvBytes(plan.KvCacheFormat);
            long tp = Math.Max(1, plan.Tensor);
            double flops = 0;
            double sixteenBitFlops = 0;
            double bytes = 0;
            double tpComm = 0, epComm = 0;
            double activationBytes = 0;
            var tpLink = Topology.TensorParallelLink(plan);
            var epLink = Topology.ExpertParallelLink(plan);
            // With EP across DP replicas, every replica's tokens reach the experts of this GPU.
            long expertTokens = tokens * Math.Max(1, plan.ExpertGroupSize / Math.Max(1, plan.Tensor));

            // Under attention DP each rank runs attention on its own requests: only the attention TP group (tp / dp) all-reduces;
            // the experts' tokens move in the EP all-to-all below.
            double tpAllReduce = tpLink != null ? AllReduceSeconds(tokens * a.HiddenSize * actBytes, plan.AttentionTensorParallel, tpLink, eff) : 0;
            int kernels = last ? StepOverhead.SamplingKernels : 0;
            var kinds = a.Kinds;
            for (int kind = 0; kind < perKind.Length; kind++)
            {
                int n = perKind[kind];
                if (n == 0) continue;
                var layer = kinds.Distinct[kind];
                var cost = costs[kind] ??= LayerCost.Of(layer, plan);
                kernels += n * StepOverhead.KernelsPerLayer(layer, a);
                double attention = n * AttentionFlops(layer.Kv, a, plan, tokens, sequences, context, isPrefill);
                flops += n * tokens * cost.MatmulFlopsPerToken + attention;
                sixteenBitFlops += attention;
                double touched = 1;
                if (!isPrefill && cost.RoutedExperts > 0)
                {
                    touched = ExpertLoad.BusiestRankShare(cost.RoutedExperts, a.Moe!.ExpertsPerToken, expertTokens, plan.Expert);
                }
                long window = layer.Kv.AttendedSpan > 0 ? Math.Min(context, layer.Kv.AttendedSpan) : context;
                double kvPerToken = layer.Kv.BytesPerTokenPerGpu(plan.AttentionTensorParallel, kvBytes);
                // Sparse attention reads the top-k tokens' KV, but its indexer scans every cached key.
                double indexerPerToken = layer.Kv.Indexer?.CacheBytesPerToken ?? 0;
                // A recurrent layer reads and writes its state once per decode step instead of reading a KV history.
                double state = layer.Kv.Recurrent is RecurrentState r && !isPrefill ? 2.0 * sequences * r.BytesPerGpu(tp, actBytes) : 0;
                double kvRead = isPrefill ? tokens * kvPerToken : sequences * (window * (kvPerToken - indexerPerToken) + context * indexerPerToken);
                // Under attention DP a rank reads only its own requests' KV (under plain TP every rank reads every MLA latent).
                kvRead /= Math.Max(1, plan.AttentionData);
                bytes += n * (cost.DenseWeightBytes + cost.ExpertWeightBytes * touched + state + kvRead);
                // One all-reduce after the mixer (attention, recurrence), one after the MLP or MoE block.
                tpComm += n * tpAllReduce * ((layer.Kv.Kind != AttentionKind.None ? 1 : 0) + (layer.HasDenseMlp || layer.IsMoe ? 1 : 0));
                if (cost.ExpertIntermediateElementsPerRow > 0 && a.Moe != null)
                {
                    // Balanced routing: this GPU runs top-k / EP of the (token, expert) rows, each at its share of the width.
                    double rows = expertTokens * (double)a.Moe.ExpertsPerToken / Math.Max(1, plan.Expert);
                    activationBytes += n * (rows * cost.ExpertIntermediateElementsPerRow + expertTokens * (double)a.HiddenSize) * actBytes;
                }
                if (epLink != null && layer.IsMoe && a.Moe != null)
                {
                    // Each attention DP rank dispatches its own share of the tokens.
                    double perGpu = tokens / (double)Math.Max(1, plan.AttentionData) * a.Moe.ExpertsPerToken * a.HiddenSize * actBytes * (plan.Expert - 1) / (double)plan.Expert;
                    epComm += n * 2 * (eff.CollectiveLaunchMicroseconds * 1e-6 + 2 * epLink.HopLatencyMicroseconds * 1e-6 + perGpu / (epLink.GBpsPerDirection * 1e9));
                }
            }
            if (last)
            {
                // lm_head for the last token of each sequence; its weights are read once per step.
                long vocabRows = WeightSharding.CeilDiv(a.VocabSize, tp);
                flops += 2.0 * sequences * vocabRows * a.HiddenSize;
                sixteenBitFlops += 2.0 * sequences * vocabRows * a.HiddenSize;
                bytes += vocabRows * a.HiddenSize * actBytes;
            }

            double ppComm = 0;
            var ppLink = Topology.PipelineLink(plan);
            if (ppLink != null && !last)
            {
                // vLLM sends hidden states and the residual to the next stage.
                ppComm = ppLink.HopLatencyMicroseconds * 1e-6 + eff.CollectiveLaunchMicroseconds * 1e-6 + 2.0 * tokens * a.HiddenSize * actBytes / (ppLink.GBpsPerDirection * 1e9);
            }

            double mfu = isPrefill ? PrefillMfu(plan, eff) : DecodeMfu(plan, eff);
            double peak = PeakFlops(plan) * mfu;
            // Attention (QK^T, PV over 16-bit activations) and the 16-bit lm_head run at the 16-bit rate, whatever the weights' format.
            double sixteenBitPeak = SixteenBitPeakFlops(plan) * mfu;
            double lowPrecisionFlops = flops - sixteenBitFlops;
            double bandwidth = AchievableBandwidthGBps(plan, eff) * 1e9;
            var phase = new PhaseTime
            {
                Flops = flops,
                Bytes = bytes,
                ComputeSeconds = peak > 0 && sixteenBitPeak > 0 ? lowPrecisionFlops / peak + sixteenBitFlops / sixteenBitPeak : 0,
                MemorySeconds = bandwidth > 0 ? bytes / bandwidth : 0,
                CommSeconds = tpComm + epComm + ppComm,
                ActivationBytes = activationBytes,
                ActivationSeconds = bandwidth > 0 ? activationBytes / bandwidth : 0,
                Kernels = kernels,
                KernelFloorSeconds = kernels * KernelFloorMicroseconds(plan, eff) * 1e-6,
                HostLaunchSeconds = RunsWithoutGraph(plan, isPrefill) ? kernels * eff.EagerKernelHostMicroseconds * 1e-6 : 0,
            };
            phase.Seconds = Math.Max(phase.GpuSeconds, phase.HostLaunchSeconds);
            if (record != null && !isPrefill)
            {
                record.DecodeTensorParallelSeconds += tpComm;
                record.DecodeExpertParallelSeconds += epComm;
                record.DecodePipelineSeconds += ppComm;
            }
            return phase;
        }

        /// <summary>The GPU's own measured floor per kernel where the catalog has one (AMD CDNA3), else the catalog's default.</summary>
        /// <summary>The achieved fraction of peak FLOPS in prefill: the GPU's own where measured, else the catalog's.</summary>
        public static double PrefillMfu(DeploymentPlan plan, EfficiencyProfile eff) => plan.Gpu.PrefillMfu ?? eff.PrefillMfu;

        public static double DecodeMfu(DeploymentPlan plan, EfficiencyProfile eff) => plan.Gpu.DecodeMfu ?? eff.DecodeMfu;

        /// <summary>HBM bandwidth a decode step's weight and KV reads achieve, GB/s.</summary>
        public static double AchievableBandwidthGBps(DeploymentPlan plan, EfficiencyProfile eff) => plan.Gpu.HbmGBps * (plan.Gpu.DecodeMbu ?? eff.DecodeMbu);

        public static double KernelFloorMicroseconds(DeploymentPlan plan, EfficiencyProfile eff) =>
            plan.Gpu.KernelFloorMicroseconds ?? eff.KernelFloorMicroseconds;

        /// <summary>
        /// True when the engine runs this phase as an eager forward, kernel by kernel from Python: every phase under
        /// --enforce-eager / --disable-cuda-graph, and prefill in SGLang (graphs for decode batches only, until piecewise
        /// prefill graphs became the default in 0.5.8, and still for MLA models) and in TensorRT-LLM's PyTorch backend
        /// (graphs for generation-only batches unless torch_compile_config.enable_piecewise_cuda_graph). vLLM compiles
        /// prefill with torch.compile and replays it piecewise.
        /// </summary>
        public static bool RunsWithoutGraph(DeploymentPlan plan, bool isPrefill) =>
            plan.EnforceEager || (isPrefill && (plan.Engine == ServingEngine.Trtllm && plan.PrefillCudaGraphs != true ||
                                                plan.Engine == ServingEngine.Sglang && !PlanResolver.SglangPiecewisePrefillGraphs(plan)));

        /// <summary>
        /// Causal attention FLOPs on one GPU: QK^T and PV over the heads this GPU holds. Prefill attends to the prompt
        /// (S^2 / 2 pairs per head and matmul), a decode token to the whole context; sliding windows and attention chunks cap the span.
        /// </summary>
        private static double AttentionFlops(KvLayout kv, Architecture a, DeploymentPlan plan, long tokens, long sequences, long context, bool isPrefill)
        {
            if (kv.Kind == AttentionKind.None) return 0;
            if (kv.Recurrent is RecurrentState r)
            {
                // Gated delta rule: per token and value head, a k x v state update and read-out (about 4 k v FLOPs).
                return 4.0 * tokens * (r.StateHeads / Math.Max(1, plan.Tensor)) * r.KeyDim * r.ValueDim;
            }
            double heads = WeightSharding.CeilDiv(a.AttentionHeads, Math.Max(1, plan.Tensor));
            // QK^T over the query/key head dim, PV over the value head dim (MLA: qk_nope + qk_rope, and v_head_dim).
            double dims = kv.Kind == AttentionKind.Mla ? a.HeadDim + (a.ValueHeadDim > 0 ? a.ValueHeadDim : a.HeadDim - a.RotaryDim) : 2.0 * kv.HeadDim;
            // The sparse indexer (replicated on every rank) scores each query against every earlier key.
            double indexerPerPair = kv.Indexer != null ? 2.0 * kv.Indexer.Heads * kv.Indexer.HeadDim : 0;
            long attended = kv.AttendedSpan;
            if (isPrefill)
            {
                double s = tokens;
                double pairs = attended > 0 && attended < s ? s * attended - attended * (double)attended / 2 : s * s / 2;
                return (2.0 * heads * dims * pairs + indexerPerPair * s * s / 2) * sequences;
            }
            double span = attended > 0 ? Math.Min(context, attended) : context;
            return (2.0 * heads * dims * span + indexerPerPair * context) * sequences;
        }

        /// <summary>Ring all-reduce: 2(n-1)/n of the message over the slowest link, plus launch and per-hop latency (tree for small messages).</summary>
        public static double AllReduceSeconds(double messageBytes, int ranks, LinkSpec link, EfficiencyProfile eff)
        {
            if (ranks <= 1) return 0;
            double hops = Math.Min(2.0 * (ranks - 1), 2.0 * Math.Ceiling(Math.Log(ranks, 2)));
            double latency = eff.CollectiveLaunchMicroseconds * 1e-6 + hops * link.HopLatencyMicroseconds * 1e-6;
            double transfer = 2.0 * (ranks - 1) / ranks * messageBytes / (link.GBpsPerDirection * 1e9);
            return latency + transfer;
        }

        /// <summary>Dense 16-bit tensor throughput (bf16, or fp16 for fp16 activations), FLOP/s.</summary>
        public static double SixteenBitPeakFlops(DeploymentPlan plan)
        {
            var t = plan.Gpu.Tflops;
            string activation = plan.ActivationFormat == Formats.Fp16 ? "fp16" : "bf16";
            double sixteen = t.TryGetValue(activation, out var v) ? v : t.TryGetValue("fp16", out var f) ? f : 0;
            return sixteen > 0 ? sixteen * 1e12 : PeakFlops(plan);
        }

        /// <summary>Peak dense FLOPS the plan computes at: FP8/INT8/FP4 tensor cores when weights and activations use them natively, else 16-bit.</summary>
        public static double PeakFlops(DeploymentPlan plan)
        {
            var t = plan.Gpu.Tflops;
            string activation = plan.ActivationFormat == Formats.Fp16 ? "fp16" : "bf16";
            double sixteen = t.TryGetValue(activation, out var v) ? v : t.TryGetValue("fp16", out var f) ? f : 0;
            string precision = Formats.ComputePrecision(plan.WeightsFormat);
            bool weightOnly = plan.WeightsFormat == Formats.Int4Awq || plan.WeightsFormat == Formats.Int4Gptq;
            if (!weightOnly && precision != activation && plan.Gpu.Supports(plan.WeightsFormat) && t.TryGetValue(precision, out var low)) return low * 1e12;
            return sixteen * 1e12;
        }

        /// <summary>Per-token FLOPs and per-GPU weight bytes of one decoder layer, split into dense and routed-expert parts.</summary>
        private sealed class LayerCost
        {
            public double MatmulFlopsPerToken { get; private set; }
            public double DenseWeightBytes { get; private set; }
            public double ExpertWeightBytes { get; private set; }
            public long RoutedExperts { get; private set; }

            /// <summary>
            /// Activation elements one routed (token, expert) row writes to HBM and reads back between the expert kernels, as
            /// vLLM's fused_moe materializes them (intermediate_cache1..3): the gate/up output (read by the activation), the
            /// activation's output (read by the down projection) and the down projection's output (read by moe_sum).
            /// </summary>
            public double ExpertIntermediateElementsPerRow { get; private set; }

            public static LayerCost Of(DecoderLayer layer, DeploymentPlan plan)
            {
                var cost = new LayerCost();
                var moe = plan.Architecture.Moe;
                foreach (var t in layer.Tensors)
                {
                    long bytes = WeightSharding.BytesPerGpu(t, plan);
                    if (t.Role == TensorRole.RoutedExpert)
                    {
                        cost.ExpertWeightBytes += bytes;
                        cost.RoutedExperts = t.Count;
                        if (!t.IsVector && moe != null)
                        {
                            WeightSharding.ShardedShape(t, plan, out long expertRows, out long expertColumns, out _);
                            // Column-sharded experts (gate, up) write rows-wide outputs; the row-sharded down projection reads
                            // columns-wide inputs and writes rows-wide (hidden) outputs.
                            cost.ExpertIntermediateElementsPerRow += t.Sharding == Sharding.ExpertRow
                                ? 2.0 * expertColumns + 2.0 * expertRows
                                : 2.0 * expertRows;
                            // Each token runs top-k experts; balanced routing spreads that work over the TP group.
                            cost.MatmulFlopsPerToken += 2.0 * moe.ExpertsPerToken * t.Rows * t.Columns / Math.Max(1, plan.Tensor);
                        }
                        continue;
                    }
                    cost.DenseWeightBytes += bytes;
                    if (!t.IsVector)
                    {
                        WeightSharding.ShardedShape(t, plan, out long rows, out long columns, out long count);
                        cost.MatmulFlopsPerToken += 2.0 * rows * columns * count;
                    }
                }
                return cost;
            }
        }
    }
}
