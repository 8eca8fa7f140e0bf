using System.Linq;
using System.Text.Json;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>The estimate JSON carries exactly the names of DESIGN.md's output contract.</summary>
    public class JsonContractTests
    {
        [Fact]
        public void Estimate_json_has_every_contract_field()
        {
            var (exit, output, _) = CliRunner.RunIn(Repo.Root, "estimate", "samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml", "--format", "json");
            Assert.Equal(0, exit);
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            Assert.Equal("deepseek-r1-fp8-h100", root.GetProperty("name").GetString());
            Assert.Equal("samples/manifests/deepseek-r1-fp8-16xh100-tp8-pp2.deploy.yaml", root.GetProperty("file").GetString());
            var expected = new (string Section, string[] Fields)[]
            {
                ("plan", new[] { "gpu", "nodes", "gpusPerNode", "tensor", "pipeline", "data", "expert", "engine", "engineVersion", "gpuMemoryUtilization", "maxModelLen", "weights", "kvCache" }),
                ("model", new[] { "id", "parameters", "activeParameters", "layers" }),
                ("perGpu", new[] { "capacityBytes", "weightsBytes", "activationBytes", "overheadBytes", "kvCacheBytes", "kvCacheBytesPerToken", "maxTokensInKvCache" }),
                ("serving", new[] { "maxConcurrentSequencesAtMaxModelLen" }),
                ("time", new[] { "prefillSeconds", "ttftSeconds", "decodeStepSeconds", "tokensPerSecond" }),
                ("communication", new[] { "tensorParallelLink", "commShareOfDecodeStep" }),
            };
            foreach (var (section, fields) in expected)
            {
                var s = root.GetProperty(section);
                foreach (var f in fields) Assert.True(s.TryGetProperty(f, out _), $"{section}.{f} missing");
            }
            var plan = root.GetProperty("plan");
            Assert.Equal("H100-SXM-80GB", plan.GetProperty("gpu").GetString());
            Assert.Equal(8, plan.GetProperty("tensor").GetInt32());
            Assert.Equal(2, plan.GetProperty("pipeline").GetInt32());
            Assert.Equal("vllm", plan.GetProperty("engine").GetString());
            Assert.Equal(DeployLint.Plans.PlanResolver.NewestVllm, plan.GetProperty("engineVersion").GetString());
            Assert.Equal(0.9, plan.GetProperty("gpuMemoryUtilization").GetDouble());
            Assert.Equal("fp8-e4m3", plan.GetProperty("weights").GetString());
            Assert.Equal(671_026_404_352, root.GetProperty("model").GetProperty("parameters").GetInt64());
            Assert.Equal(43_917_177_536, root.GetProperty("perGpu").GetProperty("weightsBytes").GetInt64());
            Assert.Equal(85_017_493_504, root.GetProperty("perGpu").GetProperty("capacityBytes").GetInt64());
            Assert.Equal("nvlink4", root.GetProperty("communication").GetProperty("tensorParallelLink").GetString());
            Assert.Equal(JsonValueKind.Array, root.GetProperty("diagnostics").ValueKind);
        }

        [Fact]
        public void Diagnostics_carry_id_severity_message_line_and_column()
        {
            var (exit, output, _) = CliRunner.RunIn(Repo.Root, "estimate", "samples/manifests/deepseek-r1-bf16-16xa100.deploy.yaml", "--format", "json");
            Assert.Equal(1, exit);
            using var doc = JsonDocument.Parse(output);
            var d = doc.RootElement.GetProperty("diagnostics").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "DPL1001");
            Assert.Equal("error", d.GetProperty("severity").GetString());
            Assert.Equal(11, d.GetProperty("line").GetInt32());
            Assert.Equal(8, d.GetProperty("column").GetInt32());
            Assert.StartsWith("needs ", d.GetProperty("message").GetString());
        }

        [Fact]
        public void Check_json_summarises_every_file()
        {
            var (exit, output, _) = CliRunner.RunIn(Repo.Root, "check", "samples/manifests", "--format", "json");
            Assert.Equal(1, exit);
            using var doc = JsonDocument.Parse(output);
            var summary = doc.RootElement.GetProperty("summary");
            Assert.True(summary.GetProperty("errors").GetInt32() > 0);
            Assert.Equal(summary.GetProperty("files").GetInt32(), System.IO.Directory.GetFiles(Repo.PathOf("samples/manifests"), "*.deploy.yaml", System.IO.SearchOption.AllDirectories).Length);
        }
    }
}
