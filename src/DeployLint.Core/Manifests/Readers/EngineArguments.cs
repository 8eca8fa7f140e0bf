using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using DeployLint.Rules.Manifest;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>Translates an engine's command-line options into the deployment model, each value keeping its argument's span.</summary>
    public static class EngineArguments
    {
        /// <param name="mountedFile">The content of a file the container has mounted from a ConfigMap of the same file, by path; null when none.</param>
        public static void Apply(EngineInvocation e, DeploymentManifest m, DiagnosticBag bag, Func<string, YScalar?>? mountedFile = null, SourceText? source = null)
        {
            ReportExpansionLimits(e, bag);
            bool configRead = ReadConfigFile(e, mountedFile, source);
            m.Serving.Engine ??= new Located<string>(e.Engine, e.Options.Count > 0 ? e.Options[0].Flag.Span : m.DocumentSpan);
            switch (e.Engine)
            {
                case "vllm":
                    Model(e, m, bag, "model", "model-id");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Tensor = v, "tensor-parallel-size", "tp");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Pipeline = v, "pipeline-parallel-size", "pp");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Data = v, "data-parallel-size", "dp");
                    Fraction(e, bag, v => m.Serving.GpuMemoryUtilization = v, "gpu-memory-utilization");
                    if (e.Option("max-model-len") is EngineOption autoLen && (autoLen.Text == "auto" || autoLen.Text == "-1"))
                    {
                        m.Serving.MaxModelLenAuto = new Located<bool>(true, autoLen.Span); // vllm#29431: fit the context to the KV cache
                    }
                    else
                    {
                        Integer(e, null, bag, v => m.Serving.MaxModelLen = v, "max-model-len");
                    }
                    Integer(e, null, bag, v => m.Serving.MaxConcurrentSequences = v, "max-num-seqs");
                    Integer(e, null, bag, v => m.Serving.MaxBatchedTokens = v, "max-num-batched-tokens");
                    Integer(e, null, bag, v => m.Serving.BlockSize = v, "block-size");
                    KvCache(e, m, bag, "kv-cache-dtype");
                    Quantization(e, m, "quantization", "q");
                    Dtype(e, m, "dtype");
                    if (e.Option("enforce-eager") is EngineOption eager && IsOn(eager)) m.Serving.EnforceEager = new Located<bool>(true, eager.Flag.Span);
                    if (e.Option("speculative-config") is EngineOption speculative) SpeculativeConfig(speculative, m);
                    Integer(e, null, bag, v => m.Serving.CudaGraphMaxBatchSize = v, "max-cudagraph-capture-size");
                    if (e.Option("kv-cache-memory", "kv-cache-memory-bytes") is EngineOption kvMemory && kvMemory.Text != null && kvMemory.Unresolved == null)
                    {
                        if (TryParseCount(kvMemory.Text, out long kvBytes) && kvBytes > 0 && kvBytes < (1L << 50)) m.Serving.KvCacheMemoryBytes = new Located<long>(kvBytes, kvMemory.Span);
                        else bag.Add(InvalidValue.Descriptor, kvMemory.Span, $"--{kvMemory.Name} {ManifestBinder.Shorten(kvMemory.Text)}: expected a positive byte count (1073741824, 8G); the engine would refuse it");
                    }
                    if (e.Option("cpu-offload-gb") is EngineOption offload && double.TryParse(offload.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double offloadGiB) && offloadGiB > 0 && offloadGiB < 1e6)
                    {
                        m.Serving.CpuOffloadGiB = new Located<double>(offloadGiB, offload.Span);
                    }
                    var rope = e.Option("rope-scaling")
                        ?? (e.Option("hf-overrides") is EngineOption overrides && (overrides.Text ?? "").IndexOf("rope", StringComparison.OrdinalIgnoreCase) >= 0 ? overrides : null);
                    if (rope != null) m.Serving.RopeScalingOverride = new Located<string>(rope.Text ?? "", rope.Span);
                    if (e.Option("enable-expert-parallel", "ep") is EngineOption ep && IsOn(ep)) m.Parallelism.ExpertParallelEnabled = new Located<bool>(true, ep.Flag.Span);
                    if (e.Option("attention-backend") is EngineOption backend && !string.IsNullOrEmpty(backend.Text))
                    {
                        m.Serving.AttentionBackend = new Located<string>(backend.Text!.ToUpperInvariant(), backend.Span);
                    }
                    break;
                case "sglang":
                    Model(e, m, bag, "model-path", "model");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Tensor = v, "tp-size", "tp", "tensor-parallel-size");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Pipeline = v, "pp-size", "pipeline-parallel-size");
                    // With --enable-dp-attention the DP ranks are the TP group's own GPUs (attention data-parallel inside TP),
                    // so the world stays TP x PP; only without it does --dp multiply the GPUs.
                    if (e.Option("enable-dp-attention") == null) ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Data = v, "dp-size", "dp", "data-parallel-size");
                    else ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.AttentionData = v, "dp-size", "dp", "data-parallel-size");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Expert = v, "ep-size", "ep", "expert-parallel-size");
                    Fraction(e, bag, v => m.Serving.GpuMemoryUtilization = v, "mem-fraction-static");
                    Integer(e, null, bag, v => m.Serving.MaxModelLen = v, "context-length");
                    Integer(e, null, bag, v => m.Serving.MaxConcurrentSequences = v, "max-running-requests");
                    Integer(e, null, bag, v => m.Serving.MaxBatchedTokens = v, "chunked-prefill-size");
                    Integer(e, null, bag, v => m.Serving.BlockSize = v, "page-size");
                    Integer(e, null, bag, v => m.Serving.MaxTotalTokens = v, "max-total-tokens");
                    Integer(e, null, bag, v => m.Serving.CudaGraphMaxBatchSize = v, "cuda-graph-max-bs");
                    Integer(e, null, bag, v => m.Serving.SchedulerRecvInterval = v, "scheduler-recv-interval");
                    if (e.Option("disable-piecewise-cuda-graph") is EngineOption noPiecewise && IsOn(noPiecewise)) m.Serving.PrefillCudaGraphs = new Located<bool>(false, noPiecewise.Flag.Span);
                    else if (e.Option("enable-piecewise-cuda-graph") is EngineOption piecewise && IsOn(piecewise)) m.Serving.PrefillCudaGraphs = new Located<bool>(true, piecewise.Flag.Span);
                    KvCache(e, m, bag, "kv-cache-dtype");
                    Quantization(e, m, "quantization");
                    Dtype(e, m, "dtype");
                    break;
                case "trtllm":
                    Model(e, m, bag, "model", "model-path");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Tensor = v, "tp-size", "tensor-parallel-size");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Pipeline = v, "pp-size", "pipeline-parallel-size");
                    ParallelSize(e, m.Parallelism, bag, v => m.Parallelism.Expert = v, "ep-size", "expert-parallel-size");
                    Fraction(e, bag, v => m.Serving.GpuMemoryUtilization = v, "kv-cache-free-gpu-memory-fraction", "free-gpu-memory-fraction");
                    Integer(e, null, bag, v => m.Serving.MaxModelLen = v, "max-seq-len");
                    Integer(e, null, bag, v => m.Serving.MaxConcurrentSequences = v, "max-batch-size");
                    Integer(e, null, bag, v => m.Serving.MaxBatchedTokens = v, "max-num-tokens");
                    Integer(e, null, bag, v => m.Serving.CudaGraphMaxBatchSize = v, "cuda-graph-max-batch-size");
                    WholeNumber(e, bag, v => m.Serving.BatchWaitIterations = v, "batch-wait-timeout-iters");
                    Share(e, bag, v => m.Serving.BatchWaitTokenRatio = v, "batch-wait-max-tokens-ratio");
                    if (e.Option("attention-dp-enable-balance") is EngineOption balance) m.Serving.AttentionDpBalance = new Located<bool>(IsOn(balance), balance.Span);
                    WholeNumber(e, bag, v => m.Serving.AttentionDpTimeoutIterations = v, "attention-dp-time-out-iters");
                    WholeNumber(e, bag, v => m.Serving.AttentionDpBatchingWaitIterations = v, "attention-dp-batching-wait-iters");
                    if (e.Option("enable-piecewise-cuda-graph") is EngineOption trtPiecewise) m.Serving.PrefillCudaGraphs = new Located<bool>(IsOn(trtPiecewise), trtPiecewise.Span);
                    // enable_attention_dp: every rank of the TP group runs attention for its own requests.
                    if (e.Option("enable-attention-dp") is EngineOption attentionDp && IsOn(attentionDp) && m.Parallelism.Tensor != null)
                    {
                        m.Parallelism.AttentionData = new Located<long>(m.Parallelism.Tensor.Value, attentionDp.Span);
                    }
                    KvCache(e, m, bag, "kv-cache-dtype");
                    break;
            }
            var configFile = e.Option("extra-llm-api-options", "extra-engine-args", "config");
            if (configFile != null && !configRead)
            {
                // The layout may be set in that file (tensor_parallel_size, moe_expert_parallel_size): assuming TP 1 for a
                // pod of 8 GPUs would invent a memory error the real deployment does not have.
                m.Unreadable = new Located<string>(
                    $"engine options in '{ManifestBinder.Shorten(configFile.Text ?? "")}' (--{configFile.Name}) live inside the container and are not read; " +
                    "the parallel layout and budget may be set there, so the deployment is not checked (write the settings on the command line, or describe the plan in a DeployLint manifest)",
                    configFile.Span);
            }
        }

        /// <summary>
        /// Reads the engine config file a ConfigMap provides (TensorRT-LLM's --extra-llm-api-options / --extra-engine-args,
        /// vLLM's and SGLang's --config) into options. Precedence as in each engine: TensorRT-LLM applies the file over its
        /// command line (update_llm_args_with_extra_options), vLLM and SGLang let the command line win.
        /// </summary>
        private static bool ReadConfigFile(EngineInvocation e, Func<string, YScalar?>? mountedFile, SourceText? source)
        {
            var option = e.Option("extra-llm-api-options", "extra-engine-args", "config");
            if (option?.Text == null || option.Unresolved != null || mountedFile == null || source == null) return false;
            var content = mountedFile(option.Text);
            if (content == null) return false;
            var fileOptions = EngineConfigFile.Options(content, source, e.Engine);
            if (fileOptions == null) return false;
            if (e.Engine == "trtllm") e.Options.AddRange(fileOptions);
            else e.Options.InsertRange(0, fileOptions);
            return true;
        }

        private static void ReportExpansionLimits(EngineInvocation e, DiagnosticBag bag)
        {
            if (e.PositionalModel?.LimitExceeded is string positional && positional.Length > 0) bag.Add(InputLimitExceeded.Descriptor, e.PositionalModel.Span, "the model argument: " + positional);
            foreach (var option in e.Options)
            {
                if (option.LimitExceeded is string limit && limit.Length > 0) bag.Add(InputLimitExceeded.Descriptor, option.Span, $"--{option.Name}: {limit}");
            }
        }

        private static void Model(EngineInvocation e, DeploymentManifest m, DiagnosticBag bag, params string[] names)
        {
            if (m.Model.Id != null || m.Model.Config != null) return;
            var option = e.Option(names);
            CommandWord? word = option?.Value;
            string? text = option?.Text;
            string? unresolved = option?.Unresolved;
            SourceSpan span = option?.Span ?? default;
            if (option == null && e.PositionalModel != null)
            {
                word = e.PositionalModel;
                text = word.Text;
                unresolved = word.Unresolved;
                span = word.Span;
            }
            if (text == null) return;
            if (word?.LimitExceeded != null) return;
            var served = e.Option("served-model-name");
            bool servedUsable = served?.Text != null && served.Unresolved == null && served.LimitExceeded == null;
            if (unresolved != null && servedUsable && served!.Text!.Contains("/"))
            {
                m.Model.Id = new Located<string>(served.Text, served.Span);
                bag.Add(PlanDetailUnknown.Descriptor, span,
                    $"the model is {unresolved}, which this file does not define; DeployLint checks the served model name '{ManifestBinder.Shorten(served.Text)}' instead (annotate deploylint.io/model to name it)");
                return;
            }
            m.Model.Id = new Located<string>(text, span);
            // For a local path the catalog cannot place, the resolver falls back to the name clients call it by.
            if (unresolved == null && servedUsable) m.Model.ServedName = new Located<string>(served!.Text!, served.Span);
        }

        private delegate bool TryRead<T>(string text, out T value);

        /// <summary>
        /// Reads one numeric option into the plan: a value the engine would refuse is a DPL0004 at it, a variable this file
        /// does not define a note that the engine's default is assumed.
        /// </summary>
        private static void Number<T>(EngineInvocation e, ParallelismSection? section, DiagnosticBag bag, TryRead<T> read, string expected, Action<Located<T>> set, string[] names)
        {
            var option = e.Option(names);
            if (option?.Text == null) return;
            if (section != null && section.KeySpan == null) section.KeySpan = option.Flag.Span;
            if (option.Unresolved != null)
            {
                if (option.LimitExceeded == null) bag.Add(PlanDetailUnknown.Descriptor, option.Span, $"--{option.Name} is {option.Unresolved}, which this file does not define; the engine's default is assumed");
                return;
            }
            if (read(option.Text, out T value))
            {
                set(new Located<T>(value, option.Span));
                return;
            }
            bag.Add(InvalidValue.Descriptor, option.Span, $"--{option.Name} {ManifestBinder.Shorten(option.Text)}: expected {expected}");
        }

        private static void Integer(EngineInvocation e, ParallelismSection? section, DiagnosticBag bag, Action<Located<long>> set, params string[] names) =>
            Number(e, section, bag, (string t, out long v) => TryParseCount(t, out v) && v > 0 && v <= ManifestBinder.MaxTokens,
                "a positive whole number; the engine would refuse it", set, names);

        /// <summary>
        /// A parallel size: a plain int, as argparse's int() reads it (vLLM's human-readable 1k / 1m forms are for token
        /// counts, not ranks), at most a native manifest's GPU bound.
        /// </summary>
        private static void ParallelSize(EngineInvocation e, ParallelismSection? section, DiagnosticBag bag, Action<Located<long>> set, params string[] names) =>
            Number(e, section, bag, (string t, out long v) => long.TryParse(t.Trim().Trim('"', '\''), NumberStyles.Integer, CultureInfo.InvariantCulture, out v) && v > 0 && v <= ManifestBinder.MaxGpus,
                $"a positive whole number up to {ManifestBinder.MaxGpus:N0}; the engine would refuse it", set, names);

        /// <summary>A count where 0 is allowed (0 turns the setting off).</summary>
        private static void WholeNumber(EngineInvocation e, DiagnosticBag bag, Action<Located<long>> set, params string[] names) =>
            Number(e, null, bag, (string t, out long v) => TryParseCount(t, out v) && v >= 0 && v <= 1_000_000,
                "a whole number from 0 to 1,000,000", set, names);

        private static void Fraction(EngineInvocation e, DiagnosticBag bag, Action<Located<double>> set, params string[] names) =>
            Number(e, null, bag, (string t, out double v) => TryParseShare(t, out v) && v > 0,
                "a fraction in (0, 1]; the engine would refuse it", set, names);

        /// <summary>A share in [0, 1], where 0 turns the setting off.</summary>
        private static void Share(EngineInvocation e, DiagnosticBag bag, Action<Located<double>> set, params string[] names) =>
            Number(e, null, bag, TryParseShare, "a number from 0 to 1; the engine would refuse it", set, names);

        private static bool TryParseShare(string text, out double value) =>
            double.TryParse(text.Trim('"', '\''), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0 && value <= 1;

        /// <summary>A whole number, with vLLM's human-readable suffixes (k = 1000, K = 1024, m = 10^6, M = 2^20).</summary>
        public static bool TryParseCount(string text, out long value)
        {
            value = 0;
            text = text.Trim().Trim('"', '\'');
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return true;
            var match = Regex.Match(text, @"^(\d+(?:\.\d+)?)([kKmMgG])$");
            if (!match.Success) return false;
            double number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            double scale = match.Groups[2].Value switch { "k" => 1e3, "K" => 1024, "m" => 1e6, "M" => 1 << 20, "g" => 1e9, _ => 1 << 30 };
            value = (long)(number * scale);
            return true;
        }

        private static void KvCache(EngineInvocation e, DeploymentManifest m, DiagnosticBag bag, string name)
        {
            var option = e.Option(name);
            if (option?.Text == null || option.Unresolved != null || option.LimitExceeded != null) return;
            string dtype = option.Text.Trim().Trim('"', '\'').ToLowerInvariant();
            if (KvFormat(dtype) is string format)
            {
                m.Model.KvCache = new Located<string>(format, option.Span);
                // vLLM's per-token-head caches (KVQuantMode.*_PER_TOKEN_HEAD): 8-bit values plus an fp32 scale per head for K and for V.
                if (dtype.EndsWith("_per_token_head", StringComparison.Ordinal))
                {
                    bag.Add(PlanDetailUnknown.Descriptor, option.Span,
                        $"--{option.Name} {ManifestBinder.Shorten(option.Text)} is sized as an 8-bit cache; its per-token scales (4 bytes per KV head for K and for V, 1.6% of a 256-wide head) are not counted");
                }
            }
            else if (dtype != "auto")
            {
                bag.Add(PlanDetailUnknown.Descriptor, option.Span,
                    $"--{option.Name} {ManifestBinder.Shorten(option.Text)} is not a KV cache format DeployLint models; the cache is sized in the model's dtype, more than this format takes");
            }
        }

        /// <summary>An engine's --kv-cache-dtype (fp8, fp8_e4m3, fp8_e5m2, bfloat16, ...) as a DeployLint format; null for auto.</summary>
        public static string? KvFormat(string? dtype) => dtype?.Trim().Trim('"', '\'').ToLowerInvariant() switch
        {
            "fp8" or "fp8_e4m3" or "fp8-e4m3" or "fp8_per_token_head" => "fp8-e4m3",
            "int8_per_token_head" => "int8",
            "fp8_e5m2" or "fp8-e5m2" => "fp8-e5m2",
            "bfloat16" or "bf16" => "bf16",
            "float16" or "half" or "fp16" => "fp16",
            _ => null,
        };

        private static void Quantization(EngineInvocation e, DeploymentManifest m, params string[] names)
        {
            var option = e.Option(names);
            if (WeightFormat(option?.Text) is string format) m.Model.Weights = new Located<string>(format, option!.Span);
        }

        /// <summary>An engine's --quantization method as the weight format it loads; null for methods that follow the checkpoint.</summary>
        public static string? WeightFormat(string? method) => method?.Trim().Trim('"', '\'').ToLowerInvariant() switch
        {
            "fp8" or "ptpc_fp8" or "fbgemm_fp8" or "w8a8_fp8" => "fp8-e4m3",
            "awq" or "awq_marlin" => "int4-awq",
            "gptq" or "gptq_marlin" => "int4-gptq",
            "mxfp4" => "mxfp4",
            "modelopt_fp4" or "nvfp4" => "nvfp4",
            "w8a8_int8" => "int8",
            _ => null,
        };

        private static void Dtype(EngineInvocation e, DeploymentManifest m, string name)
        {
            var option = e.Option(name);
            string? format = DtypeFormat(option?.Text);
            if (format != null) m.Model.Dtype = new Located<string>(format, option!.Span);
        }

        /// <summary>An engine's --dtype (half, float16, bfloat16, float32, ...) as a DeployLint format; null for auto or unknown.</summary>
        public static string? DtypeFormat(string? dtype) => dtype?.Trim().Trim('"', '\'').ToLowerInvariant() switch
        {
            "half" or "float16" or "fp16" => "fp16",
            "bfloat16" or "bf16" => "bf16",
            "float" or "float32" or "fp32" => "fp32",
            _ => null,
        };

        private static readonly System.Text.RegularExpressions.Regex SpeculativeMethodPattern =
            new System.Text.RegularExpressions.Regex("[\"']method[\"']\\s*:\\s*[\"']([A-Za-z0-9_.\\-]{1,40})[\"']", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        private static readonly System.Text.RegularExpressions.Regex SpeculativeTokensPattern =
            new System.Text.RegularExpressions.Regex("[\"']num_speculative_tokens[\"']\\s*:\\s*(\\d{1,2})\\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));

        /// <summary>vLLM --speculative-config '{"method": "mtp", "num_speculative_tokens": 3}': the method and the draft length.</summary>
        private static void SpeculativeConfig(EngineOption option, DeploymentManifest m)
        {
            string text = option.Text ?? "";
            if (text.Length == 0 || text.Length > 4096 || option.Unresolved != null) return;
            try
            {
                var method = SpeculativeMethodPattern.Match(text);
                if (!method.Success) return;
                m.Serving.SpeculativeMethod = new Located<string>(method.Groups[1].Value, option.Span);
                var tokens = SpeculativeTokensPattern.Match(text);
                if (tokens.Success && long.TryParse(tokens.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= 1 && n <= 64)
                {
                    m.Serving.SpeculativeTokens = new Located<long>(n, option.Span);
                }
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                // A pathological value is left unread rather than allowed to stall the lint.
            }
        }

        /// <summary>
        /// A switch on the command line (--enforce-eager, --enforce-eager=false), or a boolean from a config file
        /// (enforce_eager: false): false / 0 / no / off turn it off.
        /// </summary>
        private static bool IsOn(EngineOption option)
        {
            string? text = option.Text;
            if (text == null) return true;
            text = text.Trim().Trim('"', '\'').ToLowerInvariant();
            return !(text == "false" || text == "0" || text == "no" || text == "off");
        }
    }
}
