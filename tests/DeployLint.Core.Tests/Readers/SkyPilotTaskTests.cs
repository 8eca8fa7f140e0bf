using System.Linq;
using DeployLint.Manifests.Readers;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>
    /// SkyPilot tasks (sky launch / sky serve YAML) from skypilot-org/skypilot llm/vllm/: the run script's engine on
    /// resources.accelerators x num_nodes, with SKYPILOT_NUM_GPUS_PER_NODE and SKYPILOT_NUM_NODES as SkyPilot sets them.
    /// </summary>
    public class SkyPilotTaskTests
    {
        /// <summary>llm/vllm/vllm-multinode.sky.yaml, shortened: Llama 4 Maverick FP8 over 2 nodes of 8 x H100 with Ray.</summary>
        private const string Multinode =
            "envs:\n  MODEL_NAME: meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8\nresources:\n  accelerators: H100:8\n  ports: 8081\nnum_nodes: 2\n" +
            "setup: |\n  pip install vllm>=0.10.0 ray>=2.48.0\nrun: |\n  if [ \"$SKYPILOT_NODE_RANK\" == \"0\" ]; then\n    ray start --head --port 6379\n  fi\n" +
            "  if [ \"$SKYPILOT_NODE_RANK\" == \"0\" ]; then\n    vllm serve $MODEL_NAME \\\n      --port 8081 \\\n      --tensor-parallel-size $SKYPILOT_NUM_GPUS_PER_NODE \\\n" +
            "      --pipeline-parallel-size $SKYPILOT_NUM_NODES \\\n      --max-model-len 32768\n  else\n    sleep infinity\n  fi\n";

        [Fact]
        public void A_multinode_task_is_its_accelerators_times_its_nodes()
        {
            var result = Linter.Lint(Multinode, "vllm-multinode.sky.yaml");
            var d = Assert.Single(result.Deployments);
            var plan = d.Plan!;
            Assert.Equal("vllm-multinode.sky", d.Name);
            Assert.Equal("H100-SXM-80GB", plan.Gpu.Id);
            Assert.Equal((2, 8, 8, 2), (plan.Nodes, plan.GpusPerNode, plan.Tensor, plan.Pipeline));
            Assert.Equal("meta-llama/Llama-4-Maverick-17B-128E-Instruct", plan.ModelId);
            Assert.Equal("fp8-e4m3", plan.WeightsFormat);
            Assert.Equal(32768, plan.MaxModelLen);
            Assert.NotNull(d.Memory);
            Assert.DoesNotContain(result.Diagnostics, x => x.Severity == Severity.Error);
        }

        [Fact]
        public void Skypilots_a100_is_the_40_gb_part()
        {
            string yaml = "resources:\n  accelerators: A100:1\nrun: |\n  vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192\n";
            var plan = Assert.Single(Linter.Lint(yaml, "serve.yaml").Deployments).Plan!;
            Assert.Equal("A100-SXM-40GB", plan.Gpu.Id);
            Assert.Equal(1, plan.GpusPerNode);
        }

        /// <summary>llm/vllm/service.yaml: any of five accelerators, written as a flow mapping without spaces ({L4:1, A10G:1}).</summary>
        [Fact]
        public void A_task_that_accepts_several_accelerators_says_which_it_cannot_choose_between()
        {
            string yaml = "envs:\n  MODEL_NAME: meta-llama/Llama-3.1-8B-Instruct\nresources:\n  accelerators: {L4:1, A10G:1, A100-80GB:1}\n" +
                          "run: |\n  python -m vllm.entrypoints.openai.api_server --model $MODEL_NAME --host 0.0.0.0\n";
            var result = Linter.Lint(yaml, "service.yaml");
            var d = Assert.Single(result.Deployments);
            Assert.Null(d.Memory);
            var note = Assert.Single(result.Diagnostics, x => x.Id == "DPL0021");
            Assert.Equal("the task may run on L4 or A10G or A100-SXM-80GB; memory, latency and topology checks are skipped (list one accelerator to check it)", note.Message);
            Assert.Equal((4, 18), (note.Line, note.Column));
        }

        [Fact]
        public void A_task_whose_script_runs_no_engine_has_no_deployment_and_folder_scans_find_those_that_do()
        {
            Assert.Empty(Linter.Lint("resources:\n  accelerators: H100:8\nrun: |\n  python train.py --epochs 3\n", "train.yaml").Deployments);
            Assert.True(DeploymentReaders.LooksRelevant(Multinode));
            Assert.False(DeploymentReaders.LooksRelevant("resources:\n  accelerators: H100:8\nrun: |\n  python train.py\n"));
        }
    }
}
