using System;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// SGLang's sliding-window memory pool (SWAKVPool) for the architectures model_config.is_hybrid_swa_model lists that
    /// DeployLint models (GptOssForCausalLM, Llama4ForConditionalGeneration, Gemma4ForCausalLM / ForConditionalGeneration).
    /// profile_max_num_token sizes max_total_num_tokens as if every layer held every token; set_num_tokens_hybrid_swa then
    /// splits the same bytes between a full-attention pool and a sliding-window pool holding swa_full_tokens_ratio as many
    /// tokens: full x (F + ratio x S) = max_total_num_tokens x (F + S), with F and S the full and sliding layers' bytes per
    /// token (equal per layer in gpt-oss and Llama 4, where the source's layer-count form is the same equation). Both are
    /// rounded down to the page size, and max_total_num_tokens becomes the full pool's ("Use sliding window memory pool.
    /// full_layer_tokens=..., swa_layer_tokens=...").
    /// </summary>
    public sealed class SglangSwaPool
    {
        /// <summary>server_args.swa_full_tokens_ratio's default.</summary>
        public const double DefaultSwaFullTokensRatio = 0.8;

        private SglangSwaPool(long uniformTokens, long fullTokens, long swaTokens, long fullBytesPerToken, long swaBytesPerToken, double ratio)
        {
            UniformTokens = uniformTokens;
            FullTokens = fullTokens;
            SwaTokens = swaTokens;
            FullBytesPerToken = fullBytesPerToken;
            SwaBytesPerToken = swaBytesPerToken;
            Ratio = ratio;
        }

        /// <summary>max_total_num_tokens as profiled, every layer holding every token.</summary>
        public long UniformTokens { get; }
        public long FullTokens { get; }
        public long SwaTokens { get; }

        /// <summary>KV bytes per token of the stage's full-attention layers together.</summary>
        public long FullBytesPerToken { get; }

        /// <summary>KV bytes per token of the stage's sliding-window (or chunked-local) layers together.</summary>
        public long SwaBytesPerToken { get; }
        public double Ratio { get; }

        /// <summary>Bytes the two pools take.</summary>
        public long AllocatedBytes => FullTokens * FullBytesPerToken + SwaTokens * SwaBytesPerToken;

        /// <summary>The split for an SGLang stage of a hybrid-SWA architecture, from the uniform token count; null otherwise.</summary>
        public static SglangSwaPool? Of(DeploymentPlan plan, int firstLayer, int layerCount, long uniformTokens)
        {
            if (plan.Engine != ServingEngine.Sglang) return null;
            string family = plan.Architecture.Family;
            if (family != "gpt_oss" && family != "llama4" && family != "gemma4") return null;
            int bytes = Formats.KvBytes(plan.KvCacheFormat);
            long full = 0, swa = 0;
            for (int i = firstLayer; i < firstLayer + layerCount; i++)
            {
                var kv = plan.Architecture.Layers[i].Kv;
                if (!kv.HasOwnKvCache) continue;
                long perToken = kv.BytesPerTokenPerGpu(plan.AttentionTensorParallel, bytes);
                if (kv.LocalSpan > 0) swa += perToken;
                else full += perToken;
            }
            if (full <= 0 || swa <= 0) return null;
            double ratio = DefaultSwaFullTokensRatio;
            long page = Math.Max(1, plan.BlockSize);
            long fullTokens = (long)(uniformTokens * (double)(full + swa) / (full + ratio * swa));
            long swaTokens = (long)(fullTokens * ratio);
            return new SglangSwaPool(uniformTokens, fullTokens / page * page, swaTokens / page * page, full, swa, ratio);
        }
    }
}
