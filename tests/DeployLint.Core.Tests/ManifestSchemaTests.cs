using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using DeployLint.Yaml;
using Json.Schema;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>rules/deploylint.schema.json accepts every good sample and rejects the schema-level bad ones.</summary>
    public class ManifestSchemaTests
    {
        private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Repo.PathOf("rules/deploylint.schema.json")));

        public static TheoryData<string> GoodSamples()
        {
            var data = new TheoryData<string>();
            foreach (var f in Directory.GetFiles(Repo.PathOf("samples/manifests"), "*.deploy.yaml").OrderBy(f => f)) data.Add(Path.GetFileName(f));
            return data;
        }

        [Theory]
        [MemberData(nameof(GoodSamples))]
        public void Sample_validates_against_the_schema(string file)
        {
            var result = Validate(File.ReadAllText(Repo.PathOf("samples/manifests/" + file)));
            Assert.True(result.IsValid, file + ": " + string.Join("; ", result.Details.Where(d => d.Errors != null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + " " + e.Value))));
        }

        [Theory]
        [InlineData("DPL0002-unknown-key")]
        [InlineData("DPL0003-missing-field")]
        [InlineData("DPL0004-invalid-value")]
        [InlineData("DPL0007-out-of-range")]
        [InlineData("DPL0011-suppression-without-reason")]
        [InlineData("DPL0012-unsupported-document")]
        public void Schema_rejects_what_the_reader_rejects(string file)
        {
            Assert.False(Validate(File.ReadAllText(Repo.PathOf($"samples/manifests/bad/{file}.deploy.yaml"))).IsValid);
        }

        private static readonly JsonSchema ConfigSchema = JsonSchema.FromText(File.ReadAllText(Repo.PathOf("rules/deploylint-config.schema.json")));

        private const string Settings =
            "defaults:\n  gpu: H100-SXM-80GB\n  interNode: roce-200g\n" +
            "nodePools:\n  - { selector: { cloud.google.com/gke-nodepool: a3-pool }, gpu: H100-SXM-80GB }\n" +
            "catalogs: [fleet/gpus.yaml]\nprices: { H100-SXM-80GB: 2.49, H200-SXM-141GB: 3.5 }\n";

        [Fact]
        public void Deploylint_yaml_schema_accepts_what_the_settings_reader_accepts_and_rejects_what_it_warns_about()
        {
            Assert.Empty(DeployLint.Manifests.RepositorySettings.Parse(Settings).Problems);
            Assert.True(Validate(Settings, ConfigSchema).IsValid);
            foreach (var bad in new[] { "default:\n  gpu: H100-SXM-80GB\n", "defaults:\n  gpus: H100-SXM-80GB\n", "prices: { H100-SXM-80GB: -1 }\n",
                                         "nodePools:\n  - { selector: { a: b, c: d }, gpu: H100-SXM-80GB }\n", "nodePools:\n  - { selector: { a: b } }\n" })
            {
                Assert.NotEmpty(DeployLint.Manifests.RepositorySettings.Parse(bad).Problems);
                Assert.False(Validate(bad, ConfigSchema).IsValid, bad);
            }
            var keys = JsonNode.Parse(File.ReadAllText(Repo.PathOf("rules/deploylint-config.schema.json")))!["properties"]!.AsObject().Select(p => p.Key);
            Assert.Equal(DeployLint.Manifests.RepositorySettings.Keys.OrderBy(k => k), keys.OrderBy(k => k));
        }

        private static EvaluationResults Validate(string yaml, JsonSchema? schema = null)
        {
            var read = YamlTreeReader.Read(yaml);
            Assert.Empty(read.Problems);
            var node = ToJson(read.Documents.Single().Root!);
            return (schema ?? Schema).Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        /// <summary>YAML 1.2 core schema: plain scalars that look like numbers or booleans are those types.</summary>
        private static JsonNode? ToJson(YNode node)
        {
            switch (node)
            {
                case YMapping m:
                    var obj = new JsonObject();
                    foreach (var e in m.Entries) obj[e.Key.Value] = ToJson(e.Value);
                    return obj;
                case YSequence s:
                    var arr = new JsonArray();
                    foreach (var i in s.Items) arr.Add(ToJson(i));
                    return arr;
                case YScalar sc when sc.IsPlain:
                    if (sc.IsNull) return null;
                    if (sc.Value == "true" || sc.Value == "false") return JsonValue.Create(sc.Value == "true");
                    if (long.TryParse(sc.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
                    if (double.TryParse(sc.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
                    return JsonValue.Create(sc.Value);
                case YScalar sc:
                    return JsonValue.Create(sc.Value);
                default:
                    return null;
            }
        }
    }
}
