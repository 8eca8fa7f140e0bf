using System.Linq;
using DeployLint.Catalog;
using DeployLint.Models;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Parameter counts must equal sum(numel) over the framework's module parameters.
    /// Measured values: shared/calibration/h100-measured.json (PyTorch 2.11, transformers 5.17, random bf16 weights
    /// built from the published config.json). DeepSeek-V3 without the MTP layer: 671,026,404,352 (DeepSeek-V3
    /// README_WEIGHTS.md: 671B main model weights, 14B MTP module, 685B total). e_score_correction_bias is a registered buffer in
    /// transformers' DeepseekV3TopkRouter, so it is in memory but not in the parameter count.
    /// </summary>
    public class ArchitectureParameterTests
    {
        [Theory]
        [InlineData("meta-llama/Llama-3.1-8B-Instruct", 8_030_261_248L, 525_336_576L, 0L)]
        [InlineData("meta-llama/Llama-3.1-70B-Instruct", 70_553_706_496L, 1_050_673_152L, 0L)]
        [InlineData("Qwen/Qwen2.5-7B-Instruct", 7_615_616_512L, 544_997_376L, 0L)]
        [InlineData("mistralai/Mistral-7B-v0.1", 7_241_732_096L, 131_072_000L, 0L)]
        [InlineData("Qwen/Qwen3-30B-A3B", 30_532_122_624L, 311_164_928L, 28_991_029_248L)]
        [InlineData("microsoft/Phi-3-mini-4k-instruct", 3_821_079_552L, 98_500_608L, 0L)]
        [InlineData("deepseek-ai/DeepSeek-V3", 671_026_404_352L, 926_679_040L, 653_908_770_816L)]
        public void Parameter_count_equals_the_measured_framework_count(string id, long parameters, long embedding, long routedExperts)
        {
            var catalog = HardwareCatalog.BuiltIn;
            var architecture = catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!;
            Assert.Equal(parameters, architecture.TotalParameters);
            Assert.Equal(embedding, architecture.EmbeddingParameters);
            Assert.Equal(routedExperts, architecture.RoutedExpertParameters);
        }
    
        /// <summary>
        /// Qwen3-VL: the Qwen3 / Qwen3-MoE decoder of text_config plus the Qwen3-VL vision tower and its three deepstack
        /// mergers. Counted by hand from the shapes (decoder + vision), each matches its model card: 4B 4,022,468,096 +
        /// 415,347,712 ("4.44B"), 8B 8,190,735,360 + 576,388,336 ("8.77B"), 30B-A3B 30,532,122,624 + 538,631,408 ("31.1B");
        /// 2B "2.13B", 32B "33.4B", 235B-A22B "236B". The 30B-A3B decoder is Qwen3-30B-A3B's, whose count was measured on an
        /// H100 (shared calibration); 235B-A22B's routed experts are 94 x 128 x 3 x 4,096 x 1,536.
        /// </summary>
        [Theory]
        [InlineData("Qwen/Qwen3-VL-4B-Instruct", "qwen3_vl", 4_437_815_808L, 0L)]
        [InlineData("Qwen/Qwen3-VL-8B-Instruct", "qwen3_vl", 8_767_123_696L, 0L)]
        [InlineData("Qwen/Qwen3-VL-30B-A3B-Instruct", "qwen3_vl_moe", 31_070_754_032L, 28_991_029_248L)]
        [InlineData("Qwen/Qwen3-VL-2B-Instruct", "qwen3_vl", 2_127_532_032L, 0L)]
        [InlineData("Qwen/Qwen3-VL-32B-Instruct", "qwen3_vl", 33_357_390_064L, 0L)]
        [InlineData("Qwen/Qwen3-VL-235B-A22B-Instruct", "qwen3_vl_moe", 235_670_022_896L, 227_096_395_776L)]
        public void Qwen3_vl_is_its_qwen3_decoder_plus_the_vision_tower(string id, string family, long parameters, long routedExperts)
        {
            var catalog = HardwareCatalog.BuiltIn;
            var architecture = catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!;
            Assert.Equal(family, architecture.Family);
            Assert.Equal(parameters, architecture.TotalParameters);
            Assert.Equal(routedExperts, architecture.RoutedExpertParameters);
            // Grouped-query attention as in Qwen3: 8 (4 for 30B-A3B) KV heads of 128 per layer, the same on every layer.
            var kv = architecture.Layers[0].Kv;
            Assert.Equal(family == "qwen3_vl" ? 8 : 4, kv.KvHeads);
            Assert.Equal(128, kv.HeadDim);
        }

        /// <summary>
        /// InternLM2's one 'bias' key puts biases on wqkv and wo (transformers-remote InternLM2Attention), as Llama's
        /// attention_bias does: 32 layers x (4,096 + 2 x 1,024 + 4,096) more values than InternLM2.5-7B's 7,737,708,544.
        /// </summary>
        [Fact]
        public void Internlm2_bias_covers_wqkv_and_wo()
        {
            const string Config = "{\"model_type\":\"internlm2\",\"bias\":true,\"hidden_size\":4096,\"intermediate_size\":14336,\"num_attention_heads\":32," +
                "\"num_key_value_heads\":8,\"num_hidden_layers\":32,\"vocab_size\":92544,\"max_position_embeddings\":32768}";
            var root = (DeployLint.Yaml.YMapping)DeployLint.Yaml.YamlTreeReader.Read(Config).Documents[0].Root!;
            Assert.Equal(7_737_708_544L + 32L * (4096 + 2 * 1024 + 4096), ArchitectureFamilies.Build(new ModelConfig(root, "config.json")).TotalParameters);
        }

        /// <summary>
        /// GLM-4-0414 (glm4) is GLM-4's layer with two more norms, after attention and after the MLP (transformers
        /// Glm4DecoderLayer post_self_attn_layernorm, post_mlp_layernorm): 2 x 4,096 more values a layer than glm's.
        /// </summary>
        [Fact]
        public void Glm4_0414_norms_the_attention_and_mlp_outputs_as_well()
        {
            static Architecture Build(string type)
            {
                string config = "{\"model_type\":\"" + type + "\",\"hidden_size\":4096,\"intermediate_size\":13696,\"num_attention_heads\":32,\"num_key_value_heads\":2,\"head_dim\":128," +
                    "\"num_hidden_layers\":40,\"vocab_size\":151552,\"attention_bias\":true,\"max_position_embeddings\":32768}";
                var root = (DeployLint.Yaml.YMapping)DeployLint.Yaml.YamlTreeReader.Read(config).Documents[0].Root!;
                return ArchitectureFamilies.Build(new ModelConfig(root, "config.json"));
            }
            Assert.Equal(9_399_951_360L, Build("glm").TotalParameters);
            Assert.Equal(9_399_951_360L + 40L * 2 * 4096, Build("glm4").TotalParameters);
        }

        /// <summary>
        /// Command A (cohere2, CohereLabs/c4ai-command-a-03-2025's shapes: 64 layers of 12,288, 96 heads, 8 KV heads, MLP
        /// 36,864, vocabulary 256,000, tied): 111,057,580,032 parameters, the model card's 111B. Three layers of four slide a
        /// 4,096-token window (sliding_window_pattern 4), so 16 of 64 layers keep the whole context in the KV cache.
        /// </summary>
        [Fact]
        public void Command_a_slides_three_layers_of_four()
        {
            const string Config = "{\"model_type\":\"cohere2\",\"hidden_size\":12288,\"intermediate_size\":36864,\"num_attention_heads\":96,\"num_key_value_heads\":8," +
                "\"num_hidden_layers\":64,\"vocab_size\":256000,\"sliding_window\":4096,\"sliding_window_pattern\":4,\"max_position_embeddings\":131072,\"torch_dtype\":\"bfloat16\"}";
            var root = (DeployLint.Yaml.YMapping)DeployLint.Yaml.YamlTreeReader.Read(Config).Documents[0].Root!;
            var a = ArchitectureFamilies.Build(new ModelConfig(root, "config.json"));
            Assert.Equal(111_057_580_032L, a.TotalParameters);
            Assert.Equal(48, a.Layers.Count(l => l.Kv.SlidingWindow == 4096));
            Assert.Equal(0, a.Layers[3].Kv.SlidingWindow);
            Assert.Equal(4096, a.Layers[0].Kv.SlidingWindow);
        }

        /// <summary>
        /// Llama 4 Maverick: Scout's layer with 128 experts, but a MoE only in every second layer (interleave_moe_layer_step
        /// 2), the others a dense MLP of 16,384. Routed experts: 24 layers x 128 x 3 x 5,120 x 8,192 = 386,547,056,640; Meta
        /// publishes 400B in total (17B active).
        /// </summary>
        [Fact]
        public void Llama_4_maverick_alternates_moe_and_dense_layers()
        {
            var catalog = HardwareCatalog.BuiltIn;
            var a = catalog.ArchitectureOf(catalog.FindModel("meta-llama/Llama-4-Maverick-17B-128E-Instruct")!).Architecture!;
            Assert.Equal(24, a.Layers.Count(l => l.IsMoe));
            Assert.True(a.Layers[1].IsMoe && !a.Layers[0].IsMoe);
            Assert.Equal(386_547_056_640L, a.RoutedExpertParameters);
            Assert.InRange(a.TotalParameters / 400e9 - 1, 0, 0.01);
        }

        /// <summary>
        /// Totals published with each checkpoint (the Hugging Face model page's safetensors parameter count, i.e. the
        /// sum over the checkpoint's tensors, which equals the framework's numel sum for these untied or tied models).
        /// </summary>
        [Theory]
        [InlineData("meta-llama/Llama-3.1-405B-Instruct", 405_853_388_800L)]
        [InlineData("Qwen/Qwen2.5-14B-Instruct", 14_770_033_664L)]
        [InlineData("meta-llama/Llama-2-7b-hf", 6_738_415_616L)]
        [InlineData("meta-llama/Llama-2-13b-hf", 13_015_864_320L)]
        [InlineData("meta-llama/Llama-2-70b-hf", 68_976_648_192L)]
        [InlineData("Qwen/Qwen2.5-32B-Instruct", 32_763_876_352L)]
        [InlineData("Qwen/Qwen2.5-72B-Instruct", 72_706_203_648L)]
        [InlineData("Qwen/Qwen3-8B", 8_190_735_360L)]
        [InlineData("Qwen/Qwen3-32B", 32_762_123_264L)]
        [InlineData("Qwen/Qwen3-235B-A22B", 235_093_634_560L)]
        [InlineData("mistralai/Mistral-7B-Instruct-v0.3", 7_248_023_552L)]
        [InlineData("mistralai/Mixtral-8x7B-Instruct-v0.1", 46_702_792_704L)]
        [InlineData("mistralai/Mixtral-8x22B-v0.1", 140_620_634_112L)]
        [InlineData("google/gemma-2-9b-it", 9_241_705_984L)]
        [InlineData("google/gemma-2-27b-it", 27_227_128_320L)]
        [InlineData("meta-llama/Meta-Llama-3-8B-Instruct", 8_030_261_248L)]   // same tensors as 3.1 8B; 8,192-token context
        [InlineData("meta-llama/Meta-Llama-3-70B-Instruct", 70_553_706_496L)]
        [InlineData("meta-llama/Llama-3.2-1B-Instruct", 1_235_814_400L)]      // tied embeddings
        [InlineData("meta-llama/Llama-3.2-3B-Instruct", 3_212_749_824L)]
        [InlineData("Qwen/Qwen2.5-0.5B-Instruct", 494_032_768L)]
        [InlineData("Qwen/Qwen2.5-1.5B-Instruct", 1_543_714_304L)]
        [InlineData("Qwen/Qwen2.5-3B-Instruct", 3_085_938_688L)]
        [InlineData("google/gemma-3-1b-it", 999_885_952L)]         // text only (Gemma3ForCausalLM)
        [InlineData("google/gemma-3-4b-it", 4_300_079_472L)]       // text 3,880,263,168 + SigLIP 416,866,032 + projector 2,950,272
        [InlineData("openai/gpt-oss-20b", 20_914_757_184L)]
        [InlineData("openai/gpt-oss-120b", 116_829_156_672L)]
        [InlineData("google/gemma-2-2b-it", 2_614_341_888L)]
        [InlineData("ibm-granite/granite-3.3-8b-instruct", 8_170_864_640L)] // 40 x 199,237,632 + 49,159 x 4,096 tied + final norm
        // text 107,769,861,120 (48 MoE layers of 16 experts + shared expert, untied 202,048-token head) + vision 871,932,416
        [InlineData("meta-llama/Llama-4-Scout-17B-16E-Instruct", 108_641_793_536L)]
        // text 23,572,403,200 + Pixtral 403,305,472 + projector 35,652,608 (norm, 2x2 patch merger, linear_1, linear_2)
        [InlineData("mistralai/Mistral-Small-3.1-24B-Instruct-2503", 24_011_361_280L)]
        public void Parameter_count_equals_the_published_checkpoint_total(string id, long parameters)
        {
            var catalog = HardwareCatalog.BuiltIn;
            Assert.Equal(parameters, catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!.TotalParameters);
        }

        /// <summary>
        /// Checkpoints that deployment files name often (Dynamo and llm-d default to Qwen3-0.6B; production-stack to
        /// Mistral-7B-Instruct-v0.2; the R1 distills everywhere). The framework's numel sum, with the total each model page
        /// publishes: Qwen3-0.6B's exact figure is Keras Hub's preset metadata ("params": 596049920); the others' pages give
        /// it rounded, which the exact sum must round to.
        /// </summary>
        [Theory]
        [InlineData("Qwen/Qwen3-0.6B", 596_049_920L)]                          // tied: 28 x 15,730,944 + 151,936 x 1,024 + norm
        [InlineData("Qwen/Qwen3-1.7B", 1_720_574_976L)]                        // "1.7B"; tied
        [InlineData("Qwen/Qwen3-4B", 4_022_468_096L)]                          // "4.0B"; tied
        [InlineData("Qwen/Qwen3-14B", 14_768_307_200L)]                        // "14.8B"
        [InlineData("mistralai/Mistral-7B-Instruct-v0.2", 7_241_732_096L)]     // "7.24B", v0.1's tensors
        [InlineData("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", 8_030_261_248L)]   // "8.03B", Llama-3.1-8B's tensors
        [InlineData("deepseek-ai/DeepSeek-R1-Distill-Llama-70B", 70_553_706_496L)] // "70.6B", Llama-3.3-70B's tensors
        [InlineData("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", 7_615_616_512L)]    // "7.62B", Qwen2.5-7B's tensors
        [InlineData("deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", 32_763_876_352L)]  // "32.8B", Qwen2.5-32B's tensors
        [InlineData("Qwen/QwQ-32B", 32_763_876_352L)]                          // "32.8B"
        [InlineData("Qwen/Qwen2.5-Coder-7B-Instruct", 7_615_616_512L)]         // "7.62B"
        // SmolLM3 is Llama's layer (NoPE changes no weights): 36 x 78,123,008 + 128,256 x 2,048 tied + norm
        [InlineData("HuggingFaceTB/SmolLM3-3B", 3_075_098_624L)]               // "3.08B"
        // OLMo 2: no input norm; post-attention and post-MLP norms, q_norm / k_norm over all heads (4,096 each)
        [InlineData("allenai/OLMo-2-1124-7B", 7_298_617_344L)]                 // "7.3B": 32 x 202,391,552 + 2 x 100,352 x 4,096 + norm
        // GLM-5: 78 x 174,406,400 (MLA + indexer + norms) + 3 x 226,492,416 dense MLP + 75 x 9,702,998,016 (experts, shared,
        // router) + 2 x 154,880 x 6,144 + norm; MTP layer not counted
        [InlineData("zai-org/GLM-5", 743_911_199_232L)]                        // README: "744B parameters (40B active)"
        // OPT: 38,608,896 embedding + 2,050 x 768 learned positions + 12 x 7,087,872 + final LayerNorm; the head is tied.
        // 125,239,296 is OPTForCausalLM(config).num_parameters(), the figure the OPT model cards round to "125M".
        [InlineData("facebook/opt-125m", 125_239_296L)]
        // Entries added for ids deployment files name often; each count is the config's, by hand, and rounds to the card.
        [InlineData("mistralai/Mistral-Nemo-Instruct-2407", 12_247_782_400L)]  // "12.2B"
        [InlineData("mistralai/Mistral-Small-24B-Instruct-2501", 23_572_403_200L)]  // "23.6B"
        [InlineData("mistralai/Mistral-Large-Instruct-2411", 122_610_069_504L)]  // "123B"
        [InlineData("mistralai/Codestral-22B-v0.1", 22_247_282_688L)]  // "22.2B"
        [InlineData("Qwen/Qwen2.5-Coder-32B-Instruct", 32_763_876_352L)]  // "32.8B"
        [InlineData("Qwen/Qwen2-7B-Instruct", 7_615_616_512L)]  // "7.62B"
        [InlineData("Qwen/Qwen2-72B-Instruct", 72_706_203_648L)]  // "72.7B"
        [InlineData("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", 1_777_088_000L)]  // "1.78B, embeddings untied"
        [InlineData("microsoft/Phi-3.5-mini-instruct", 3_821_079_552L)]  // "3.82B"
        [InlineData("microsoft/Phi-4-mini-instruct", 3_836_021_760L)]  // "3.84B, tied"
        [InlineData("microsoft/Phi-3-medium-4k-instruct", 13_960_238_080L)]  // "14B"
        [InlineData("nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", 70_553_706_496L)]  // "70.6B, Llama-3.1-70B's tensors"
        [InlineData("01-ai/Yi-34B-Chat", 34_388_917_248L)]  // "34.4B"
        [InlineData("deepseek-ai/deepseek-llm-7b-chat", 6_910_365_696L)]  // "6.91B"
        [InlineData("mistralai/Devstral-Small-2505", 23_572_403_200L)]  // "23.6B, Mistral-Small-3.1's text decoder"
        [InlineData("google/codegemma-7b-it", 8_537_680_896L)]  // "8.54B, Gemma-7B's tensors"
        [InlineData("deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct", 15_706_484_224L)]  // "15.7B, DeepSeek-V2-Lite's tensors"
        [InlineData("Qwen/Qwen1.5-7B-Chat", 7_721_324_544L)]  // "7.7B, full multi-head attention"
        // The long-tail configs below, as catalog entries (their counts are pinned from the configs in Long_tail_architectures_...).
        [InlineData("tiiuae/falcon-7b-instruct", 6_921_720_704L)]
        [InlineData("tiiuae/falcon-40b", 41_303_293_952L)]
        [InlineData("bigscience/bloom-560m", 559_214_592L)]
        [InlineData("bigscience/bloom-7b1", 7_069_016_064L)]
        [InlineData("EleutherAI/pythia-6.9b", 6_857_302_016L)]
        [InlineData("gpt2", 124_439_808L)]
        [InlineData("openai-community/gpt2-xl", 1_557_611_200L)]
        // Cohere: one LayerNorm per layer (parallel attention and MLP), tied embeddings; R+ adds per-head q/k norms.
        [InlineData("CohereForAI/c4ai-command-r-v01", 34_980_831_232L)]
        [InlineData("CohereLabs/c4ai-command-r-plus", 103_810_674_688L)]
        // InternLM2.5-7B: Llama's layer with q/k/v fused (wqkv), 92,544 tokens; the card: 7.74B.
        [InlineData("internlm/internlm2_5-7b-chat", 7_737_708_544L)]
        // GLM-4-9B-Chat under ChatGLM's own keys and in transformers' layout: Llama's layer with q/k/v biases; the card: 9.4B.
        [InlineData("THUDM/glm-4-9b-chat", 9_399_951_360L)]
        [InlineData("THUDM/glm-4-9b-chat-hf", 9_399_951_360L)]
        // Qwen2-VL / Qwen2.5-VL: the Qwen2 decoder (Qwen2.5-7B's 7,615,616,512, measured on an H100; 3B 3,085,938,688; 72B
        // 72,706,203,648) plus the vision tower by hand: Qwen2.5-VL 676,550,144 at the 7B width (RMSNorms, gated MLP of 3,420),
        // Qwen2-VL 675,759,104 (LayerNorms, MLP of 5,120).
        [InlineData("Qwen/Qwen2.5-VL-3B-Instruct", 3_754_622_976L)]   // "3.75B"
        [InlineData("Qwen/Qwen2.5-VL-7B-Instruct", 8_292_166_656L)]   // "8.29B"
        [InlineData("Qwen/Qwen2.5-VL-72B-Instruct", 73_406_351_360L)] // "73.4B"
        [InlineData("Qwen/Qwen2-VL-7B-Instruct", 8_291_375_616L)]     // "8.29B"
        // Editions filed under the entry whose config.json they share.
        [InlineData("Qwen/Qwen3-VL-8B-Thinking", 8_767_123_696L)]
        [InlineData("Qwen/Qwen3-VL-30B-A3B-Thinking", 31_070_754_032L)]
        [InlineData("meta-llama/Llama-Guard-3-8B", 8_030_261_248L)]
        public void Parameter_count_of_commonly_deployed_checkpoints(string id, long parameters)
        {
            var catalog = HardwareCatalog.BuiltIn;
            Assert.Equal(parameters, catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!.TotalParameters);
        }

        /// <summary>
        /// GPT-NeoX and GPT-2 from their config.json, against published totals: the Pythia paper's table of total parameters
        /// (Biderman et al. 2023, table 1: 70,426,624 / 162,322,944 / 6,857,302,016) and GPT-2's 124,439,808 / 1,557,611,200
        /// (GPT2LMHeadModel.num_parameters(), head tied to wte).
        /// </summary>
        [Theory]
        [InlineData("{\"model_type\":\"gpt_neox\",\"hidden_size\":512,\"intermediate_size\":2048,\"num_attention_heads\":8,\"num_hidden_layers\":6,\"max_position_embeddings\":2048,\"rotary_pct\":0.25,\"tie_word_embeddings\":false,\"torch_dtype\":\"float16\",\"vocab_size\":50304}", 70_426_624L)]
        [InlineData("{\"model_type\":\"gpt_neox\",\"hidden_size\":768,\"intermediate_size\":3072,\"num_attention_heads\":12,\"num_hidden_layers\":12,\"max_position_embeddings\":2048,\"rotary_pct\":0.25,\"tie_word_embeddings\":false,\"torch_dtype\":\"float16\",\"vocab_size\":50304}", 162_322_944L)]
        [InlineData("{\"model_type\":\"gpt_neox\",\"hidden_size\":4096,\"intermediate_size\":16384,\"num_attention_heads\":32,\"num_hidden_layers\":32,\"max_position_embeddings\":2048,\"rotary_pct\":0.25,\"tie_word_embeddings\":false,\"torch_dtype\":\"float16\",\"vocab_size\":50432}", 6_857_302_016L)]
        [InlineData("{\"model_type\":\"gpt2\",\"n_ctx\":1024,\"n_embd\":768,\"n_head\":12,\"n_layer\":12,\"n_positions\":1024,\"vocab_size\":50257}", 124_439_808L)]
        [InlineData("{\"model_type\":\"gpt2\",\"n_ctx\":1024,\"n_embd\":1600,\"n_head\":25,\"n_layer\":48,\"n_positions\":1024,\"vocab_size\":50257}", 1_557_611_200L)]
        // Falcon-7B (multi-query, parallel attention) 6,921,720,704 and Falcon-40B (new decoder architecture, 8 KV heads)
        // 41,303,293,952: FalconForCausalLM.num_parameters() as the tiiuae model cards report them (7B, 40B).
        [InlineData("{\"model_type\":\"falcon\",\"alibi\":false,\"bias\":false,\"hidden_size\":4544,\"multi_query\":true,\"new_decoder_architecture\":false,\"num_attention_heads\":71,\"num_hidden_layers\":32,\"parallel_attn\":true,\"vocab_size\":65024,\"torch_dtype\":\"bfloat16\"}", 6_921_720_704L)]
        [InlineData("{\"model_type\":\"falcon\",\"alibi\":false,\"bias\":false,\"hidden_size\":8192,\"new_decoder_architecture\":true,\"num_attention_heads\":128,\"num_kv_heads\":8,\"num_hidden_layers\":60,\"parallel_attn\":true,\"vocab_size\":65024,\"torch_dtype\":\"bfloat16\"}", 41_303_293_952L)]
        // BLOOM-560m 559,214,592 and BLOOM-7b1 7,069,016,064 (the bigscience model cards' parameter counts).
        [InlineData("{\"model_type\":\"bloom\",\"hidden_size\":1024,\"n_head\":16,\"n_layer\":24,\"vocab_size\":250880}", 559_214_592L)]
        [InlineData("{\"model_type\":\"bloom\",\"hidden_size\":4096,\"n_head\":32,\"n_layer\":30,\"vocab_size\":250880}", 7_069_016_064L)]
        public void Long_tail_architectures_equal_their_published_totals(string configJson, long parameters)
        {
            var root = (DeployLint.Yaml.YMapping)DeployLint.Yaml.YamlTreeReader.Read(configJson).Documents[0].Root!;
            var architecture = ArchitectureFamilies.Build(new ModelConfig(root, "config.json"));
            Assert.Equal(parameters, architecture.TotalParameters);
        }

        /// <summary>
        /// Kimi K2 (moonshotai/Kimi-K2-Instruct config.json: model_type kimi_k2, architectures DeepseekV3ForCausalLM): DeepSeek-V3's
        /// shapes with 384 routed experts, 64 heads and one dense layer. The model card: "1 trillion total parameters,
        /// 32 billion activated". The checkpoint's safetensors hold 1,026,408,232,448 values: the numel sum below plus the
        /// 60 x 384 e_score_correction_bias buffers (23,040), which are buffers, not parameters.
        /// </summary>
        [Fact]
        public void Kimi_k2_is_built_as_the_deepseek_v3_architecture_it_names()
        {
            const string Config = "{\"architectures\":[\"DeepseekV3ForCausalLM\"],\"model_type\":\"kimi_k2\",\"hidden_size\":7168,\"intermediate_size\":18432,\"moe_intermediate_size\":2048," +
                "\"num_hidden_layers\":61,\"num_attention_heads\":64,\"num_key_value_heads\":64,\"n_routed_experts\":384,\"n_shared_experts\":1,\"num_experts_per_tok\":8,\"first_k_dense_replace\":1," +
                "\"moe_layer_freq\":1,\"q_lora_rank\":1536,\"kv_lora_rank\":512,\"qk_nope_head_dim\":128,\"qk_rope_head_dim\":64,\"v_head_dim\":128,\"topk_method\":\"noaux_tc\",\"num_nextn_predict_layers\":0," +
                "\"vocab_size\":163840,\"max_position_embeddings\":131072,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}";
            var root = (DeployLint.Yaml.YMapping)DeployLint.Yaml.YamlTreeReader.Read(Config).Documents[0].Root!;
            var a = ArchitectureFamilies.Build(new ModelConfig(root, "config.json"));
            Assert.Equal("kimi_k2", a.Family);
            Assert.Equal(1_026_408_209_408L, a.TotalParameters);
            Assert.Equal(32_861_477_888L, a.ActiveParameters); // "32 billion activated"
        }

        /// <summary>
        /// Kimi-K2's checkpoint is block FP8 (its README: "stored in block-fp8 format"), and Moonshot's deployment guide
        /// gives 16 H200 or H20 GPUs (TP 16, or DP + EP) as the smallest unit for it at 128k: that plan starts, one node of
        /// 8 x H200 does not. Sized as bf16 (the catalog entry lacked the quantization) the documented plan was refused.
        /// </summary>
        [Theory]
        [InlineData("moonshotai/Kimi-K2-Instruct", 2, 16, false)]
        [InlineData("moonshotai/Kimi-K2-Instruct-0905", 2, 16, false)]
        [InlineData("moonshotai/Kimi-K2-Instruct", 1, 8, true)]
        public void Kimi_k2_fp8_needs_sixteen_h200_at_128k(string id, int nodes, int tensor, bool refused)
        {
            var result = Lint.Text(Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: H200-SXM-141GB, gpusPerNode: 8, nodes: {nodes}, interNode: ib-ndr-400 }}\n" +
                                   $"parallelism: {{ tensor: {tensor} }}\nserving: {{ engine: vllm, maxModelLen: 131072 }}\n");
            var d = Assert.Single(result.Deployments);
            Assert.Equal("fp8-e4m3", d.Plan!.WeightsFormat);
            Assert.Equal(refused, result.Active.Any(x => x.Id == "DPL1002" || x.Id == "DPL1003"));
        }

        /// <summary>
        /// Kimi-K2-Thinking ships in INT4: compressed-tensors W4A16, group 32, symmetric, only the routed experts quantized
        /// (lightseekorg/tokenspeed#444). 1,014.6B expert parameters x 4.5 bits + 11.8B in bf16 = about 594 GB, which one node of
        /// 8 x H200 holds at its 256K context (the vLLM and LMCache recipes serve it so).
        /// </summary>
        [Fact]
        public void Kimi_k2_thinking_is_int4_experts_and_fits_one_h200_node()
        {
            string Plan(int tensor, int nodes) => Lint.Header + "model: { id: moonshotai/Kimi-K2-Thinking }\n" +
                $"hardware: {{ gpu: H200-SXM-141GB, gpusPerNode: 8, nodes: {nodes}, interNode: ib-ndr-400 }}\nparallelism: {{ tensor: {tensor} }}\nserving: {{ engine: vllm, maxModelLen: 262144 }}\n";
            var one = Lint.Text(Plan(1, 1));
            var d = Assert.Single(one.Deployments);
            Assert.Equal("int4-gptq", d.Plan!.WeightsFormat);
            Assert.InRange(d.Memory!.WeightsBytes / 594e9 - 1, -0.015, 0.015);
            var node = Lint.Text(Plan(8, 1));
            Assert.DoesNotContain(node.Active, x => x.Severity == Severity.Error);
        }

        /// <summary>
        /// Kimi K2.5 wraps Kimi-K2's decoder (text_config, the INT4 experts of K2-Thinking) with the MoonViT3d encoder and its
        /// projector: 678,528 (patch conv) + 4,718,592 (64 x 64 x 1152 position grid) + 27 x 15,239,504 (ViT layers) + 2,304
        /// (final LayerNorm) + 54,277,888 (LayerNorm, 4608 x 4608 and 4608 x 7168 with biases) = 471,143,920 vision parameters
        /// over K2's 1,026,408,209,408. Its quantization sits in text_config; read there, the plan is INT4 and fits one H200 node.
        /// </summary>
        [Fact]
        public void Kimi_k25_is_kimi_k2_with_a_moonvit_encoder_and_int4_experts()
        {
            var catalog = HardwareCatalog.BuiltIn;
            var a = catalog.ArchitectureOf(catalog.FindModel("moonshotai/Kimi-K2.5")!).Architecture!;
            Assert.Equal("kimi_k25", a.Family);
            Assert.Equal(1_026_408_209_408L + 471_143_920L, a.TotalParameters);
            var result = Lint.Text(Lint.Header + "model: { id: moonshotai/Kimi-K2.5 }\nhardware: { gpu: H200-SXM-141GB, gpusPerNode: 8 }\nparallelism: { tensor: 8 }\n" +
                                   "serving: { engine: vllm, maxModelLen: 262144 }\n");
            var d = Assert.Single(result.Deployments);
            Assert.Equal("int4-gptq", d.Plan!.WeightsFormat);
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
        }

        /// <summary>
        /// OLMo 3 is OLMo 2's layer (post-norms, q_norm / k_norm over all heads) with a 4,096-token window on three layers of
        /// every four (allenai/Olmo-3-1025-7B's layer_types); the window changes the KV cache, not the weights.
        /// </summary>
        [Fact]
        public void Olmo3_slides_the_layers_its_layer_types_mark()
        {
            string types = string.Join(",", Enumerable.Range(0, 32).Select(i => i % 4 == 3 ? "\"full_attention\"" : "\"sliding_attention\""));
            string Config(string modelType) => "{\"model_type\":\"" + modelType + "\",\"hidden_size\":4096,\"intermediate_size\":11008,\"num_hidden_layers\":32," +
                "\"num_attention_heads\":32,\"num_key_value_heads\":32,\"vocab_size\":100278,\"max_position_embeddings\":65536,\"tie_word_embeddings\":false," +
                "\"sliding_window\":4096,\"layer_types\":[" + types + "]}";
            Architecture Build(string modelType) => ArchitectureFamilies.Build(new ModelConfig(
                (DeployLint.Yaml.YMapping)DeployLint.Yaml.YamlTreeReader.Read(Config(modelType)).Documents[0].Root!, "config.json"));
            var olmo3 = Build("olmo3");
            Assert.Equal(24, olmo3.Layers.Count(l => l.Kv.SlidingWindow == 4096));
            Assert.Equal(0, olmo3.Layers[3].Kv.SlidingWindow);
            Assert.Equal(Build("olmo2").TotalParameters, olmo3.TotalParameters);
            Assert.Equal(7_298_011_136L, olmo3.TotalParameters); // OLMo-2-1124-7B's 7,298,617,344 less 74 x 4,096 x 2 vocabulary rows
            Assert.All(Build("olmo2").Layers, l => Assert.Equal(0, l.Kv.SlidingWindow));
        }

        /// <summary>MiniMax-M2 ships block FP8 too (gate, e_score_correction_bias and lm_head left in 16 bits): about 230 GB, which 4 x H100 hold at 128k.</summary>
        [Theory]
        [InlineData("MiniMaxAI/MiniMax-M2")]
        [InlineData("MiniMaxAI/MiniMax-M2.5")]
        public void Minimax_m2_fp8_fits_four_h100(string id)
        {
            var result = Lint.Text(Lint.Header + $"model: {{ id: {id} }}\nhardware: {{ gpu: H100-SXM-80GB, gpusPerNode: 4 }}\nparallelism: {{ tensor: 4 }}\n" +
                                   "serving: { engine: vllm, maxModelLen: 131072 }\n");
            var d = Assert.Single(result.Deployments);
            Assert.Equal("fp8-e4m3", d.Plan!.WeightsFormat);
            Assert.InRange(d.Memory!.WeightsBytes / (1024.0 * 1024 * 1024), 53, 55);
            Assert.DoesNotContain(result.Active, x => x.Severity == Severity.Error);
        }

        [Fact]
        public void Layer_kinds_count_the_distinct_layers_of_a_stage()
        {
            // DeepSeek-R1: first_k_dense_replace 3, then 58 MoE layers; vLLM's PP 2 split is 31 + 30 layers.
            var catalog = HardwareCatalog.BuiltIn;
            var kinds = catalog.ArchitectureOf(catalog.FindModel("deepseek-ai/DeepSeek-R1")!).Architecture!.Kinds;
            Assert.Equal(2, kinds.Distinct.Count);
            Assert.Equal(new[] { 3, 28 }, kinds.Count(0, 31));
            Assert.Equal(new[] { 0, 30 }, kinds.Count(31, 30));
        }

        [Theory]
        [InlineData("Qwen/Qwen3-30B-A3B", 3_353_032_704L)]        // "A3B": 3.3B activated (model card)
        [InlineData("Qwen/Qwen3-235B-A22B", 22_190_763_520L)]     // "A22B": 22B activated
        [InlineData("deepseek-ai/DeepSeek-V3", 37_552_282_624L)]  // "37B activated for each token"
        [InlineData("mistralai/Mixtral-8x7B-Instruct-v0.1", 12_879_925_248L)] // "12.9B active"
        public void Active_parameters_count_top_k_routed_experts(string id, long active)
        {
            var catalog = HardwareCatalog.BuiltIn;
            Assert.Equal(active, catalog.ArchitectureOf(catalog.FindModel(id)!).Architecture!.ActiveParameters);
        }

        [Fact]
        public void Gemma3_vision_tower_and_text_stack_are_counted_from_text_config_with_transformers_defaults()
        {
            // 27B: text 27,009,346,304 (vocab_size, max_position_embeddings absent from text_config: defaults 262,208 and 131,072),
            // SigLIP-So400m 416,866,032, projector 6,194,304; the model page says 27.4B. 12B: 12.2B.
            var catalog = HardwareCatalog.BuiltIn;
            var a27 = catalog.ArchitectureOf(catalog.FindModel("google/gemma-3-27b-it")!).Architecture!;
            Assert.Equal((27_432_406_640L, 262_208L, 62, 131_072L), (a27.TotalParameters, a27.VocabSize, a27.LayerCount, a27.DerivedMaxModelLen));
            Assert.Equal(12_187_325_040L, catalog.ArchitectureOf(catalog.FindModel("google/gemma-3-12b-it")!).Architecture!.TotalParameters);
            // Five sliding-window (1024) layers to one global: layers 6, 12, ..., 60 attend over the whole context.
            Assert.Equal(10, a27.Layers.Count(l => l.Kv.SlidingWindow == 0));
        }

        [Fact]
        public void Every_catalog_model_builds()
        {
            foreach (var model in HardwareCatalog.BuiltIn.Models)
            {
                var result = HardwareCatalog.BuiltIn.ArchitectureOf(model);
                Assert.True(result.Architecture != null, model.Id + ": " + result.Error?.Message);
                Assert.StartsWith("https://", model.Source);
            }
        }
    }
}
