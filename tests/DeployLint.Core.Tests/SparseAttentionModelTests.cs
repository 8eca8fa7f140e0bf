using DeployLint.Catalog;
using DeployLint.Models;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// DeepSeek-V3.2: DeepSeek-V3's shapes plus sparse attention. Each layer's lightning indexer (index_n_heads 64,
    /// index_head_dim 128, index_topk 2048) adds wq_b 1536 x 8192, wk 7168 x 128, k_norm 2 x 128 and weights_proj
    /// 7168 x 64 = 13,959,424 parameters, replicated on every rank, and caches a 128-byte FP8 key with a 4-byte scale per
    /// token. SGLang on 8 x B200 with an FP8 cache logs 975,424 tokens in 43.67 GiB (sgl-project/sglang#11309), 48,072
    /// bytes per token: 61 x (656 + 132) = 48,068.
    /// </summary>
    public class SparseAttentionModelTests
    {
        private static string Plan(string gpu, string engine, string kv = "") =>
            Lint.Header + $"model: {{ id: deepseek-ai/DeepSeek-V3.2{kv} }}\nhardware: {{ gpu: {gpu}, gpusPerNode: 8 }}\nparallelism: {{ tensor: 8 }}\n" +
            $"serving: {{ engine: {engine}, maxModelLen: 32768, maxConcurrentSequences: 8 }}\nslo: {{ inputTokens: 16384, outputTokens: 1024 }}\n";

        [Fact]
        public void The_indexer_adds_its_parameters_to_deepseek_v3()
        {
            var catalog = HardwareCatalog.BuiltIn;
            var v32 = catalog.ArchitectureOf(catalog.FindModel("deepseek-ai/DeepSeek-V3.2")!).Architecture!;
            var v3 = catalog.ArchitectureOf(catalog.FindModel("deepseek-ai/DeepSeek-V3")!).Architecture!;
            Assert.Equal(671_026_404_352L + 61 * 13_959_424L, v32.TotalParameters);
            Assert.Equal(v3.TotalParameters + 61 * 13_959_424L, v32.TotalParameters);
        }

        [Theory]
        [InlineData("B200-180GB", "sglang", "", 48_068L)]                     // SGLang's default on Blackwell: FP8 (FlashMLA's format)
        [InlineData("H200-SXM-141GB", "sglang", "", 78_324L)]                 // on Hopper: bf16 latent, 61 x (1,152 + 132)
        [InlineData("H200-SXM-141GB", "vllm", ", kvCache: fp8-e4m3", 48_068L)] // vLLM's fp8_ds_mla
        public void The_cache_holds_the_latent_and_the_indexer_key(string gpu, string engine, string kv, long bytesPerToken)
        {
            var d = Assert.Single(Lint.Text(Plan(gpu, engine, kv)).Deployments);
            Assert.Equal(bytesPerToken, d.Memory!.KvBytesPerToken);
        }

        [Fact]
        public void Decode_reads_the_top_k_tokens_and_the_whole_indexer_cache()
        {
            var d = Assert.Single(Lint.Text(Plan("H200-SXM-141GB", "vllm", ", kvCache: fp8-e4m3")).Deployments);
            var t = d.Time!;
            var kv = d.Plan!.Architecture.FirstAttentionLayout!;
            Assert.Equal(2048, kv.AttendedSpan);
            // 8 sequences at a 16,896-token context: 2,048 tokens' latents (656 B) and every token's indexer key (132 B) per layer.
            double kvBytes = 61 * 8 * (2048.0 * 656 + 16_896.0 * 132);
            Assert.True(t.Decode.Bytes > kvBytes);
            var dense = Assert.Single(Lint.Text(Plan("H200-SXM-141GB", "vllm", ", kvCache: fp8-e4m3").Replace("DeepSeek-V3.2", "DeepSeek-V3")).Deployments).Time!;
            Assert.True(t.Decode.Bytes < dense.Decode.Bytes);
        }

        [Theory]
        [InlineData("-5")]
        [InlineData("0")]
        public void A_config_with_an_impossible_indexer_builds_without_one(string headDim)
        {
            string json = "{\"model_type\":\"deepseek_v32\",\"hidden_size\":7168,\"intermediate_size\":18432,\"moe_intermediate_size\":2048," +
                "\"num_hidden_layers\":4,\"num_attention_heads\":128,\"num_key_value_heads\":128,\"n_routed_experts\":8,\"n_shared_experts\":1,\"num_experts_per_tok\":2," +
                "\"first_k_dense_replace\":1,\"q_lora_rank\":1536,\"kv_lora_rank\":512,\"qk_nope_head_dim\":128,\"qk_rope_head_dim\":64,\"v_head_dim\":128," +
                "\"vocab_size\":1000,\"max_position_embeddings\":4096,\"index_n_heads\":64,\"index_head_dim\":" + headDim + ",\"index_topk\":-1}";
            var root = (DeployLint.Yaml.YMapping)DeployLint.Yaml.YamlTreeReader.Read(json).Documents[0].Root!;
            var a = ArchitectureFamilies.Build(new ModelConfig(root, "config.json"));
            Assert.Null(a.FirstAttentionLayout!.Indexer);
        }
    }
}
