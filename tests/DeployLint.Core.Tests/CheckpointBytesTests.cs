using System.Linq;
using DeployLint.Estimation;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Weight bytes of whole checkpoints (TP 1, no engine padding, no runtime buffers) against the total_size published
    /// in each repository's model.safetensors.index.json.
    /// </summary>
    public class CheckpointBytesTests
    {
        private static long CheckpointBytes(string id, string weights)
        {
            var plan = Lint.Text(Lint.Header + $"model: {{ id: {id}, weights: {weights} }}\nhardware: {{ gpu: B200-180GB }}\nserving: {{ engine: generic, maxModelLen: 4096 }}\n").Deployments[0].Plan!;
            var a = plan.Architecture;
            return a.Embedding.Concat(a.Layers.SelectMany(l => l.Tensors)).Concat(a.Head).Sum(t => WeightSharding.BytesPerGpu(t, plan));
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
    }
}
