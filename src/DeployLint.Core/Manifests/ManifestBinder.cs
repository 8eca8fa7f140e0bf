using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Rules.Manifest;
using DeployLint.Text;
using DeployLint.Yaml;

namespace DeployLint.Manifests
{
    /// <summary>
    /// Turns one YAML document into a <see cref="DeploymentManifest"/>, reporting every DPL0xxx problem at the
    /// exact key or value. Values that are wrong are left unset so later stages see a consistent (partial) manifest.
    /// </summary>
    public static class ManifestBinder
    {
        public const string ApiVersionV1 = "deploylint/v1";
        public const string KindInferenceDeployment = "InferenceDeployment";

        internal static readonly string[] RootKeys = { "apiVersion", "kind", "name", "model", "hardware", "parallelism", "serving", "slo", "suppress" };
        internal static readonly string[] ModelKeys = { "id", "config", "weights", "kvCache" };
        internal static readonly string[] HardwareKeys = { "gpu", "nodes", "gpusPerNode", "intraNode", "interNode", "pricePerGpuHour" };
        internal static readonly string[] ParallelismKeys = { "tensor", "pipeline", "data", "expert", "attentionData" };
        internal static readonly string[] ServingKeys = { "engine", "engineVersion", "gpuMemoryUtilization", "maxModelLen", "maxConcurrentSequences", "maxBatchedTokens", "blockSize", "reservedMemory", "enforceEager", "kvCacheMemory", "maxTotalTokens", "speculativeMethod", "speculativeTokens", "cudaGraphMaxBatchSize", "schedulerRecvInterval", "batchWaitIterations", "batchWaitTokenRatio", "attentionDpBalance", "attentionDpTimeoutIterations", "attentionDpBatchingWaitIterations", "prefillCudaGraphs" };
        internal static readonly string[] SloKeys = { "inputTokens", "outputTokens", "ttftMs", "tpotMs", "maxCommShare" };
        internal static readonly string[] SuppressKeys = { "rule", "reason" };

        /// <summary>The keys a manifest section takes (null: the document root); empty for an unknown section. For editors' completion.</summary>
        public static IReadOnlyList<string> KeysOf(string? section) => section switch
        {
            null => RootKeys,
            "model" => ModelKeys,
            "hardware" => HardwareKeys,
            "parallelism" => ParallelismKeys,
            "serving" => ServingKeys,
            "slo" => SloKeys,
            "suppress" => SuppressKeys,
            _ => System.Array.Empty<string>(),
        };

        public const long MaxGpus = 1_000_000;
        public const long MaxTokens = 100_000_000;

        public static DeploymentManifest Bind(YDocument document, DiagnosticBag bag)
        {
            var manifest = new DeploymentManifest { DocumentSpan = document.Span, DocumentIndex = document.Index };
            if (!(document.Root is YMapping root))
            {
                var span = document.Root?.Span ?? document.Span;
                string what = document.Root == null ? "an empty document" : "a " + document.Root.KindName;
                bag.Add(UnsupportedDocument.Descriptor, span, $"expected a mapping with apiVersion: {ApiVersionV1} and kind: {KindInferenceDeployment}, found {what}");
                return manifest;
            }

            CheckKeys(root, RootKeys, "", bag);
            manifest.ApiVersion = RequiredString(root, "apiVersion", "", bag);
            manifest.Kind = RequiredString(root, "kind", "", bag);
            manifest.Name = RequiredString(root, "name", "", bag);

            var model = Section(root, "model", ModelKeys, bag, required: true);
            if (model != null)
            {
                manifest.Model.KeySpan = root.KeyOf("model")!.Span;
                manifest.Model.Id = OptionalString(model, "id", bag);
                manifest.Model.Config = OptionalString(model, "config", bag);
                manifest.Model.Weights = OptionalString(model, "weights", bag);
                manifest.Model.KvCache = OptionalString(model, "kvCache", bag);
                if (manifest.Model.Id == null && manifest.Model.Config == null)
                {
                    bag.Add(MissingField.Descriptor, root.KeyOf("model")!.Span, "model needs 'id' (a catalog id such as meta-llama/Llama-3.1-8B-Instruct) or 'config' (a path to a Hugging Face config.json)");
                }
            }

            var hardware = Section(root, "hardware", HardwareKeys, bag, required: true);
            if (hardware != null)
            {
                manifest.Hardware.KeySpan = root.KeyOf("hardware")!.Span;
                manifest.Hardware.Gpu = RequiredString(hardware, "gpu", "hardware.", bag);
                manifest.Hardware.Nodes = OptionalInteger(hardware, "nodes", 1, MaxGpus, bag);
                manifest.Hardware.GpusPerNode = OptionalInteger(hardware, "gpusPerNode", 1, 1024, bag);
                manifest.Hardware.IntraNode = OptionalString(hardware, "intraNode", bag);
                manifest.Hardware.InterNode = OptionalString(hardware, "interNode", bag);
                manifest.Hardware.PricePerGpuHour = OptionalNumber(hardware, "pricePerGpuHour", 0.0, 1_000_000.0, bag, minExclusive: true);
            }

            var parallelism = Section(root, "parallelism", ParallelismKeys, bag, required: false);
            if (parallelism != null)
            {
                manifest.Parallelism.KeySpan = root.KeyOf("parallelism")!.Span;
                manifest.Parallelism.Tensor = OptionalInteger(parallelism, "tensor", 1, MaxGpus, bag);
                manifest.Parallelism.Pipeline = OptionalInteger(parallelism, "pipeline", 1, MaxGpus, bag);
                manifest.Parallelism.Data = OptionalInteger(parallelism, "data", 1, MaxGpus, bag);
                manifest.Parallelism.Expert = OptionalInteger(parallelism, "expert", 1, MaxGpus, bag);
                manifest.Parallelism.AttentionData = OptionalInteger(parallelism, "attentionData", 1, MaxGpus, bag);
            }

            var serving = Section(root, "serving", ServingKeys, bag, required: false);
            if (serving != null)
            {
                manifest.Serving.KeySpan = root.KeyOf("serving")!.Span;
                manifest.Serving.Engine = OptionalString(serving, "engine", bag);
                manifest.Serving.EngineVersion = OptionalString(serving, "engineVersion", bag);
                manifest.Serving.GpuMemoryUtilization = OptionalNumber(serving, "gpuMemoryUtilization", 0.0, 1.0, bag, minExclusive: true);
                manifest.Serving.MaxModelLen = OptionalInteger(serving, "maxModelLen", 1, MaxTokens, bag);
                manifest.Serving.MaxConcurrentSequences = OptionalInteger(serving, "maxConcurrentSequences", 1, MaxTokens, bag);
                manifest.Serving.MaxBatchedTokens = OptionalInteger(serving, "maxBatchedTokens", 1, MaxTokens, bag);
                manifest.Serving.BlockSize = OptionalInteger(serving, "blockSize", 1, 4096, bag);
                manifest.Serving.ReservedMemoryBytes = OptionalBytes(serving, "reservedMemory", bag);
                manifest.Serving.KvCacheMemoryBytes = OptionalBytes(serving, "kvCacheMemory", bag);
                manifest.Serving.MaxTotalTokens = OptionalInteger(serving, "maxTotalTokens", 1, MaxTokens, bag);
                manifest.Serving.CudaGraphMaxBatchSize = OptionalInteger(serving, "cudaGraphMaxBatchSize", 1, 1 << 20, bag);
                manifest.Serving.SchedulerRecvInterval = OptionalInteger(serving, "schedulerRecvInterval", 1, 1_000_000, bag);
                manifest.Serving.BatchWaitIterations = OptionalInteger(serving, "batchWaitIterations", 0, 1_000_000, bag);
                manifest.Serving.BatchWaitTokenRatio = OptionalNumber(serving, "batchWaitTokenRatio", 0.0, 1.0, bag, minExclusive: false);
                manifest.Serving.AttentionDpBalance = OptionalBoolean(serving, "attentionDpBalance", bag);
                manifest.Serving.AttentionDpTimeoutIterations = OptionalInteger(serving, "attentionDpTimeoutIterations", 0, 1_000_000, bag);
                manifest.Serving.AttentionDpBatchingWaitIterations = OptionalInteger(serving, "attentionDpBatchingWaitIterations", 0, 1_000_000, bag);
                manifest.Serving.SpeculativeMethod = OptionalString(serving, "speculativeMethod", bag);
                manifest.Serving.SpeculativeTokens = OptionalInteger(serving, "speculativeTokens", 1, 64, bag);
                manifest.Serving.PrefillCudaGraphs = OptionalBoolean(serving, "prefillCudaGraphs", bag);
                var eager = OptionalBoolean(serving, "enforceEager", bag);
                if (eager != null && eager.Value) manifest.Serving.EnforceEager = eager;
            }

            var slo = Section(root, "slo", SloKeys, bag, required: false);
            if (slo != null)
            {
                manifest.Slo.KeySpan = root.KeyOf("slo")!.Span;
                manifest.Slo.InputTokens = OptionalInteger(slo, "inputTokens", 1, MaxTokens, bag);
                manifest.Slo.OutputTokens = OptionalInteger(slo, "outputTokens", 1, MaxTokens, bag);
                manifest.Slo.TtftMs = OptionalNumber(slo, "ttftMs", 0.0, 86_400_000.0, bag, minExclusive: true);
                manifest.Slo.TpotMs = OptionalNumber(slo, "tpotMs", 0.0, 86_400_000.0, bag, minExclusive: true);
                manifest.Slo.MaxCommShare = OptionalNumber(slo, "maxCommShare", 0.0, 1.0, bag, minExclusive: true);
            }

            BindSuppressions(root, manifest, bag);
            return manifest;
        }

        private static void BindSuppressions(YMapping root, DeploymentManifest manifest, DiagnosticBag bag)
        {
            var node = root.Get("suppress");
            if (node == null || node is YScalar { IsNull: true }) return;
            if (!(node is YSequence list))
            {
                bag.Add(InvalidValue.Descriptor, node.Span, $"'suppress' must be a list of {{ rule: DPLnnnn, reason: \"...\" }}, found a {node.KindName}");
                return;
            }
            foreach (var item in list.Items)
            {
                if (!(item is YMapping entry))
                {
                    bag.Add(InvalidValue.Descriptor, item.Span, $"each suppress entry must be a mapping {{ rule: DPLnnnn, reason: \"...\" }}, found a {item.KindName}");
                    continue;
                }
                CheckKeys(entry, SuppressKeys, "suppress[].", bag);
                var rule = RequiredString(entry, "rule", "suppress[].", bag);
                var reason = OptionalString(entry, "reason", bag);
                if (rule != null) manifest.Suppressions.Add(new SuppressionEntry(rule, reason, entry.Span));
            }
        }

        private static YMapping? Section(YMapping root, string key, string[] keys, DiagnosticBag bag, bool required)
        {
            var node = root.Get(key);
            if (node == null)
            {
                if (required) bag.Add(MissingField.Descriptor, FirstKeySpan(root), $"required section '{key}' is missing");
                return null;
            }
            if (!(node is YMapping map))
            {
                bag.Add(InvalidValue.Descriptor, node.Span, $"'{key}' must be a mapping, found a {node.KindName}");
                return null;
            }
            CheckKeys(map, keys, key + ".", bag);
            return map;
        }

        private static SourceSpan FirstKeySpan(YMapping map) => map.Entries.Count > 0 ? map.Entries[0].Key.Span : map.Span;

        /// <summary>Unknown keys reported one by one per mapping; the rest are summarised in one diagnostic.</summary>
        public const int MaxUnknownKeysReported = 20;

        private static void CheckKeys(YMapping map, string[] known, string prefix, DiagnosticBag bag)
        {
            int unknown = 0;
            foreach (var entry in map.Entries)
            {
                string key = entry.Key.Value;
                if (Array.IndexOf(known, key) >= 0) continue;
                if (++unknown > MaxUnknownKeysReported)
                {
                    int rest = map.Entries.Count(e => Array.IndexOf(known, e.Key.Value) < 0) - MaxUnknownKeysReported;
                    bag.Add(UnknownKey.Descriptor, entry.Key.Span, $"and {Units.Count(rest)} more unknown keys in this mapping; known keys here: {string.Join(", ", known)}");
                    return;
                }
                string hint = Nearest.DidYouMean(key, known);
                if (hint.Length == 0) hint = "; known keys here: " + string.Join(", ", known);
                bag.Add(UnknownKey.Descriptor, entry.Key.Span, $"unknown key '{prefix}{key}'{hint}");
            }
        }

        private static Located<string>? RequiredString(YMapping map, string key, string prefix, DiagnosticBag bag)
        {
            var value = OptionalString(map, key, bag);
            if (value == null && map.Get(key) == null)
            {
                bag.Add(MissingField.Descriptor, map.Entries.Count > 0 ? map.Entries[0].Key.Span : map.Span, $"required field '{prefix}{key}' is missing");
            }
            return value;
        }

        private static Located<string>? OptionalString(YMapping map, string key, DiagnosticBag bag)
        {
            var node = map.Get(key);
            if (node == null) return null;
            if (node is YScalar scalar)
            {
                if (scalar.IsNull)
                {
                    bag.Add(InvalidValue.Descriptor, map.KeyOf(key)!.Span, $"'{key}' has no value");
                    return null;
                }
                return new Located<string>(scalar.Value, scalar.Span);
            }
            bag.Add(InvalidValue.Descriptor, node.Span, $"'{key}' must be a single value, found a {node.KindName}");
            return null;
        }

        private static Located<bool>? OptionalBoolean(YMapping map, string key, DiagnosticBag bag)
        {
            var node = map.Get(key);
            if (node == null) return null;
            if (node is YScalar scalar && scalar.IsPlain && !scalar.IsNull)
            {
                if (scalar.Value == "true") return new Located<bool>(true, scalar.Span);
                if (scalar.Value == "false") return new Located<bool>(false, scalar.Span);
            }
            bag.Add(InvalidValue.Descriptor, node is YScalar { IsNull: true } ? map.KeyOf(key)!.Span : node.Span, $"'{key}' must be true or false");
            return null;
        }

        private static YScalar? NumericScalar(YMapping map, string key, string expected, DiagnosticBag bag)
        {
            var node = map.Get(key);
            if (node == null) return null;
            if (node is YScalar scalar && scalar.IsPlain && !scalar.IsNull) return scalar;
            if (node is YScalar { IsNull: true })
            {
                bag.Add(InvalidValue.Descriptor, map.KeyOf(key)!.Span, $"'{key}' has no value; expected {expected}");
                return null;
            }
            string found = node is YScalar s ? $"the quoted string \"{Shorten(s.Value)}\"" : "a " + node.KindName;
            bag.Add(InvalidValue.Descriptor, node.Span, $"'{key}' must be {expected}, found {found}");
            return null;
        }

        private static Located<long>? OptionalInteger(YMapping map, string key, long min, long max, DiagnosticBag bag)
        {
            var scalar = NumericScalar(map, key, "a whole number", bag);
            if (scalar == null) return null;
            if (!ValueParser.TryParseInteger(scalar.Value, out var value, out var problem))
            {
                var rule = problem == "the number does not fit in 64 bits" ? OutOfRange.Descriptor : InvalidValue.Descriptor;
                bag.Add(rule, scalar.Span, $"'{key}: {Shorten(scalar.Value)}': {problem}");
                return null;
            }
            if (value < min || value > max)
            {
                bag.Add(OutOfRange.Descriptor, scalar.Span, $"'{key}' is {value}; it must be between {Units.Count(min)} and {Units.Count(max)}");
                return null;
            }
            return new Located<long>(value, scalar.Span);
        }

        private static Located<double>? OptionalNumber(YMapping map, string key, double min, double max, DiagnosticBag bag, bool minExclusive)
        {
            var scalar = NumericScalar(map, key, "a number", bag);
            if (scalar == null) return null;
            if (!ValueParser.TryParseNumber(scalar.Value, out var value, out var problem))
            {
                bag.Add(InvalidValue.Descriptor, scalar.Span, $"'{key}: {Shorten(scalar.Value)}': {problem}");
                return null;
            }
            if (value < min || (minExclusive && value <= min) || value > max)
            {
                string range = minExclusive ? $"greater than {Fmt(min)} and at most {Fmt(max)}" : $"between {Fmt(min)} and {Fmt(max)}";
                bag.Add(OutOfRange.Descriptor, scalar.Span, $"'{key}' is {Fmt(value)}; it must be {range}");
                return null;
            }
            return new Located<double>(value, scalar.Span);
        }

        private static Located<long>? OptionalBytes(YMapping map, string key, DiagnosticBag bag)
        {
            var node = map.Get(key);
            if (node == null) return null;
            if (!(node is YScalar scalar) || scalar.IsNull)
            {
                bag.Add(InvalidValue.Descriptor, node.Span, $"'{key}' must be a size such as 4GiB");
                return null;
            }
            if (!ValueParser.TryParseBytes(scalar.Value, out var bytes, out var problem))
            {
                bag.Add(InvalidValue.Descriptor, scalar.Span, $"'{key}: {Shorten(scalar.Value)}': {problem}");
                return null;
            }
            return new Located<long>(bytes, scalar.Span);
        }

        internal static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        private static string Fmt(double v) => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
    }
}
