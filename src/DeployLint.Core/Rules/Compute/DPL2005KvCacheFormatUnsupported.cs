using DeployLint.Estimation;
using DeployLint.Plans;

namespace DeployLint.Rules.Compute
{
    /// <summary>DPL2005: an FP8 KV cache on a GPU before sm89, where the engine's attention kernels cannot store it.</summary>
    public sealed class KvCacheFormatUnsupported : PlanRule
    {
        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            "DPL2005",
            "FP8 KV cache unsupported by the engine on this GPU",
            RuleCategory.Compute,
            Severity.Error,
            "Below compute capability 8.9 there is no FP8 in hardware, and whether an FP8 KV cache works depends on the engine's attention kernels. " +
            "vLLM 0.11+ (V1 only): FlashAttention 2 cannot read an FP8 cache, FlashInfer converts it in software (vllm#24577), and the Triton attention backend, the only one below sm80, refuses it " +
            "('type fp8e4nv not supported in this architecture. The supported fp8 dtypes are ('fp8e4b15', 'fp8e5')', vllm#26431). Earlier vLLM fell back to the V0 engine, whose CUDA kernels convert in software. " +
            "TensorRT-LLM's support matrix lists FP8 only from Ada (sm89) on.");

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(PlanContext c)
        {
            var p = c.Plan;
            if (!p.KvCacheFormat.StartsWith("fp8", System.StringComparison.Ordinal)) return;
            double cc = p.Gpu.ComputeCapabilityNumber;
            if (cc <= 0 || cc >= 8.9) return;
            var span = c.SpanOf(c.Manifest.Model.KvCache, c.Manifest.Hardware.Gpu?.Span);
            string gpu = $"{p.Gpu.Id} (compute capability {p.Gpu.ComputeCapability})";
            switch (p.Engine)
            {
                case ServingEngine.Trtllm:
                    c.Report(Rule, span,
                        $"TensorRT-LLM has no FP8 on {gpu}: its support matrix lists FP32, FP16, BF16, INT8 and INT4 before Ada (sm89). Use a 16-bit KV cache (or TensorRT-LLM's INT8 KV cache)");
                    return;
                case ServingEngine.Vllm:
                    if (p.VllmV0 || PlanResolver.VersionBelow(p.EngineVersion, 0, 11, 0)) return;
                    string backend = c.Manifest.Serving.AttentionBackend?.Value ?? "";
                    if (backend == "FLASHINFER") return;
                    if (cc < 8.0 || backend.StartsWith("TRITON_ATTN", System.StringComparison.Ordinal))
                    {
                        string why = cc < 8.0 ? "the only vLLM attention backend below sm80 is TRITON_ATTN" : "VLLM_ATTENTION_BACKEND selects TRITON_ATTN";
                        c.Report(Rule, c.SpanOf(cc < 8.0 ? c.Manifest.Model.KvCache : c.Manifest.Serving.AttentionBackend, span),
                            $"vLLM {p.EngineVersion} refuses an FP8 KV cache ({p.KvCacheFormat}) on {gpu}: {why}, whose cache kernel needs native FP8 (sm89+) " +
                            "('type fp8e4nv not supported in this architecture', vllm#26431). Use a 16-bit KV cache" + (cc >= 8.0 ? ", or VLLM_ATTENTION_BACKEND=FLASHINFER" : ""));
                        return;
                    }
                    c.Report(Rule, Severity.Warning, span,
                        $"{gpu} has no FP8 and FlashAttention 2 cannot read an FP8 KV cache, so vLLM {p.EngineVersion} needs FlashInfer (software conversion) for {p.KvCacheFormat}; " +
                        "without it, it picks TRITON_ATTN and fails at start-up ('type fp8e4nv not supported in this architecture', vllm#26431). " +
                        "Set VLLM_ATTENTION_BACKEND=FLASHINFER so the plan does not depend on what is installed, or use a 16-bit KV cache");
                    return;
                default:
                    return;
            }
        }
    }
}
