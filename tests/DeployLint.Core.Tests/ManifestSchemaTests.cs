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

        private static EvaluationResults Validate(string yaml)
        {
            var read = YamlTreeReader.Read(yaml);
            Assert.Empty(read.Problems);
            var node = ToJson(read.Documents.Single().Root!);
            return Schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
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
