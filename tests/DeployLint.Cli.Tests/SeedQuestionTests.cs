using System.Linq;
using System.Text.Json;
using DeployLint.Testing;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>The planning questions the README answers, pinned: the winning layout or GPU and the reason.</summary>
    public class SeedQuestionTests
    {
        /// <summary>
        /// DeepSeek-R1 FP8 on 16 H100s in two nodes of 8 at 24 concurrent requests: TP 8 x PP 2 (the declared plan) decodes
        /// the most tokens per GPU, above data-parallel attention with EP 16 (each replica pays a whole step's kernel floor,
        /// and the all-to-alls cross InfiniBand) and above TP 16, whose all-reduces cross InfiniBand.
        /// </summary>
        [Fact]
        public void Deepseek_r1_on_two_nodes_of_h100_prefers_tp8_pp2_over_dp_with_ep_and_tp16()
        {
            var (_, output, _) = CliRunner.RunIn(Repo.Root, "suggest", "samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml", "--format", "json");
            var layouts = JsonDocument.Parse(output).RootElement[0].GetProperty("layouts").EnumerateArray()
                .Where(l => l.GetProperty("feasible").GetBoolean()).ToList();
            string Name(JsonElement l) => $"TP {l.GetProperty("tensor").GetInt32()} x PP {l.GetProperty("pipeline").GetInt32()} x DP {l.GetProperty("data").GetInt32()}, EP {l.GetProperty("expert").GetInt32()}";
            Assert.Equal("TP 8 x PP 2 x DP 1, EP 1", Name(layouts[0]));
            int dpEp = layouts.FindIndex(l => Name(l) == "TP 2 x PP 1 x DP 8, EP 16");
            int tp16 = layouts.FindIndex(l => Name(l) == "TP 16 x PP 1 x DP 1, EP 1");
            Assert.True(dpEp > 0 && tp16 > 0);
            Assert.Equal("ib-ndr-400", layouts[tp16].GetProperty("tensorParallelLink").GetString());
        }

        /// <summary>
        /// Llama-3.3-70B FP8 for 4.00 an hour: one H100 holds the weights but not one 8,192-token request (an error, so no
        /// throughput or cost per token); two A100-80GB at 2.00 each hold about 30, but 16 clients' 2,048-token prefills at
        /// bf16 speed push TPOT to about 60 ms, above the 50 ms target.
        /// </summary>
        [Fact]
        public void One_h100_cannot_hold_a_request_and_two_a100_miss_the_tpot_target_under_prefill_load()
        {
            var (exit, output, _) = CliRunner.RunIn(Repo.Root, "compare", "samples/planning/llama-70b-fp8-one-h100.deploy.yaml", "samples/planning/llama-70b-fp8-two-a100.deploy.yaml", "--format", "json");
            Assert.Equal(0, exit);
            var root = JsonDocument.Parse(output).RootElement;
            var plans = root.GetProperty("plans").EnumerateArray().ToList();
            Assert.Equal(4.0, plans[0].GetProperty("values").GetProperty("costPerHour").GetDouble());
            Assert.Equal(4.0, plans[1].GetProperty("values").GetProperty("costPerHour").GetDouble());
            Assert.Equal(1, plans[0].GetProperty("values").GetProperty("errors").GetInt32());
            Assert.Equal(1, plans[1].GetProperty("values").GetProperty("errors").GetInt32());
            Assert.Equal(JsonValueKind.Null, plans[0].GetProperty("values").GetProperty("costPerMillionOutputTokens").ValueKind);
            Assert.True(plans[1].GetProperty("values").GetProperty("costPerMillionOutputTokens").GetDouble() > 0);
            Assert.InRange(plans[1].GetProperty("values").GetProperty("tpotSeconds").GetDouble(), 0.050, 0.070);
            Assert.InRange(plans[1].GetProperty("values").GetProperty("requestsAtMaxModelLen").GetDouble(), 25, 35);
        }
    }
}
