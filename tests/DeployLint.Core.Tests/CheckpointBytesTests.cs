using System.Linq;
using DeployLint.Estimation;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Weight bytes of whole checkpoints (TP 1, no engine padding, no runtime buffers) against the total_size published
    /// in each repository's model.safetensors.index.json, or the sum of the tensor bytes of its safetensors files.
    /// </summary>
    public class CheckpointBytesTests
    {
        private static long CheckpointBytes(string id, string weights)
        {
            var plan = Lint.Text(Lint.Header + $"model: {{ id: {id}, weights: {weights} }}\nhardware: {{ gpu: B200-180GB }}\nserving: {{ engine: generic, maxModelLen: 4096 }}\n").Deployments[0].Plan!;
            var a = plan.Architecture;
            return plan.Architecture.CheckpointTensors.Sum(t => WeightSharding.BytesPerGpu(t, plan));
        }

        [Fact]
        public void Gpt_oss_20b_mxfp4_equals_its_published_total_size()
        {
            // huggingface.co/openai/gpt-oss-20b model.safetensors.index.json: "total_size": 13761264768 (MXFP4 expert blocks
            // and E8M0 scales per 32, biases, attention, router, embeddings and lm_head in bf16).
            Assert.Equal(13_761_264_768, CheckpointBytes("openai/gpt-oss-20b", "mxfp4"));
        }

        [Fact]
        public void Llama_31_8b_bf16_equals_its_published_total_size()
        {
            // huggingface.co/meta-llama/Llama-3.1-8B-Instruct model.safetensors.index.json: "total_size": 16060522496.
            Assert.Equal(16_060_522_496, CheckpointBytes("meta-llama/Llama-3.1-8B-Instruct", "bf16"));
        }
    
        [Fact]
        public void Gpt_oss_120b_mxfp4_equals_its_published_tensor_bytes()
        {
            // openai/gpt-oss-120b: 15 safetensors files, 65,248,893,184 file bytes of which 65,248,815,744 are tensor data
            // (the rest are the files' JSON headers); the same shapes as gpt-oss-20b with 36 layers and 128 experts.
            Assert.Equal(65_248_815_744, CheckpointBytes("openai/gpt-oss-120b", "mxfp4"));
        }

        [Fact]
        public void Llama_31_70b_awq_int4_equals_its_published_total_size()
        {
            // hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4 model.safetensors.index.json (9 shards): "total_size":
            // 39767785472 -- int32-packed qweight and qzeros, fp16 scales per group of 128, fp16 embeddings, norms and lm_head.
            Assert.Equal(39_767_785_472, CheckpointBytes("hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4", "int4-awq"));
        }

        [Fact]
        public void DeepSeek_r1_fp8_with_its_mtp_layer_is_within_a_hundredth_of_a_percent_of_its_published_total_size()
        {
            // deepseek-ai/DeepSeek-R1 (and -V3) model.safetensors.index.json: "total_size": 688586727753 -- 61 layers plus
            // the multi-token-prediction layer 61 (its own embed_tokens, eh_proj, MoE decoder layer and shared head).
            const long published = 688_586_727_753;
            long modelled = CheckpointBytes("deepseek-ai/DeepSeek-R1", "fp8");
            Assert.InRange(System.Math.Abs(modelled - published) / (double)published, 0.0, 0.0001);
        }

        [Fact]
        public void DeepSeek_r1_mtp_layer_is_in_the_checkpoint_but_not_in_the_served_model()
        {
            var plan = Lint.Text(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1, weights: fp8 }\nhardware: { gpu: B200-180GB }\nserving: { engine: generic, maxModelLen: 4096 }\n").Deployments[0].Plan!;
            var a = plan.Architecture;
            // 671B served (DeepSeek-V3 README: "671B of the Main Model weights and 14B of the Multi-Token Prediction (MTP)
            // Module weights"); vLLM and SGLang load the MTP module only as the draft model of MTP speculative decoding.
            Assert.Equal(671_026_404_352, a.TotalParameters);
            Assert.Equal(1, a.NextTokenPredictors.Count(t => t.Name == "mtp.eh_proj"));
            // The README's 14B rounds 13.46B: embed_tokens and shared head 2 x 926,679,040, eh_proj 102,760,448, norms, and one
            // MoE decoder layer of 11,507,286,016.
            Assert.Equal(13_463_426_048, a.NextTokenPredictors.Sum(t => t.Parameters));
        }
    }
}
