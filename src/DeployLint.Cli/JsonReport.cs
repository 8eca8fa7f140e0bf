using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeployLint.Estimation;

namespace DeployLint.Cli
{
    /// <summary>The JSON output contract (DESIGN.md): one object per deployment; names are stable.</summary>
    internal static class JsonReport
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.Default,
        };

        public static void WriteEstimate(TextWriter output, LintResult result, string displayPath)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, Options))
            {
                if (result.Deployments.Count == 1)
                {
                    WriteDeployment(w, result.Deployments[0], displayPath, FileLevel(result));
                }
                else
                {
                    w.WriteStartArray();
                    foreach (var d in result.Deployments) WriteDeployment(w, d, displayPath, null);
                    w.WriteEndArray();
                }
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }

        public static void WriteCheck(TextWriter output, IReadOnlyList<(LintResult Result, string Path)> results, int errors, int warnings, int notes)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, Options))
            {
                w.WriteStartObject();
                w.WriteString("tool", "deploylint");
                w.WriteString("version", VersionInfo.Version);
                w.WriteStartArray("deployments");
                foreach (var (result, path) in results)
                {
                    foreach (var d in result.Deployments) WriteDeployment(w, d, path, null);
                }
                w.WriteEndArray();
                w.WriteStartArray("fileDiagnostics");
                foreach (var (result, path) in results)
                {
                    foreach (var d in FileLevel(result)) WriteDiagnostic(w, d, path);
                }
                w.WriteEndArray();
                w.WriteStartObject("summary");
                w.WriteNumber("files", results.Count);
                w.WriteNumber("errors", errors);
                w.WriteNumber("warnings", warnings);
                w.WriteNumber("notes", notes);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }

        /// <summary>Diagnostics of the file that belong to no deployment (YAML syntax, limits).</summary>
        private static List<Diagnostic> FileLevel(LintResult result)
        {
            var inDeployments = new HashSet<Diagnostic>();
            foreach (var d in result.Deployments) foreach (var x in d.Diagnostics) inDeployments.Add(x);
            var list = new List<Diagnostic>();
            foreach (var x in result.Diagnostics) if (!inDeployments.Contains(x)) list.Add(x);
            return list;
        }

        private static void WriteDeployment(Utf8JsonWriter w, DeploymentResult d, string path, List<Diagnostic>? extra)
        {
            var plan = d.Plan;
            var memory = d.Memory;
            w.WriteStartObject();
            w.WriteString("name", d.Name);
            w.WriteString("file", path);
            if (d.Manifest.Origin != null) w.WriteString("source", d.Manifest.Origin); else w.WriteNull("source");
            if (plan == null)
            {
                w.WriteNull("plan");
                w.WriteNull("model");
                w.WriteNull("perGpu");
                w.WriteNull("serving");
            }
            else
            {
                w.WriteStartObject("plan");
                if (plan.HardwareKnown) w.WriteString("gpu", plan.Gpu.Id); else w.WriteNull("gpu");
                w.WriteNumber("nodes", plan.Nodes);
                w.WriteNumber("gpusPerNode", plan.GpusPerNode);
                w.WriteNumber("tensor", plan.Tensor);
                w.WriteNumber("pipeline", plan.Pipeline);
                w.WriteNumber("data", plan.Data);
                w.WriteNumber("expert", plan.Expert);
                w.WriteString("engine", plan.EngineName);
                w.WriteString("engineVersion", plan.EngineVersion);
                if (plan.Engine == DeployLint.Plans.ServingEngine.Vllm) w.WriteString("vllmEngine", plan.VllmV0 ? "V0" : "V1");
                w.WriteNumber("gpuMemoryUtilization", plan.GpuMemoryUtilization);
                w.WriteNumber("maxModelLen", plan.MaxModelLen);
                w.WriteNumber("maxConcurrentSequences", plan.MaxConcurrentSequences);
                w.WriteNumber("maxBatchedTokens", plan.MaxBatchedTokens);
                w.WriteNumber("blockSize", plan.BlockSize);
                w.WriteString("weights", plan.WeightsFormat);
                w.WriteString("kvCache", plan.KvCacheFormat);
                w.WriteString("activations", plan.ActivationFormat);
                if (plan.HardwareKnown) w.WriteString("intraNode", plan.IntraNodeLink.Id); else w.WriteNull("intraNode");
                if (plan.InterNodeLink != null) w.WriteString("interNode", plan.InterNodeLink.Id); else w.WriteNull("interNode");
                w.WriteEndObject();

                var a = plan.Architecture;
                w.WriteStartObject("model");
                w.WriteString("id", plan.ModelId);
                w.WriteString("family", a.Family);
                w.WriteNumber("parameters", a.TotalParameters);
                w.WriteNumber("activeParameters", a.ActiveParameters);
                w.WriteNumber("layers", a.LayerCount);
                w.WriteNumber("maxModelLen", a.DerivedMaxModelLen);
                w.WriteString("quantization", plan.Quantization.Describe());
                w.WriteEndObject();

                if (memory != null)
                {
                    w.WriteStartObject("perGpu");
                    w.WriteNumber("capacityBytes", memory.CapacityBytes);
                    w.WriteNumber("budgetBytes", memory.BudgetBytes);
                    w.WriteNumber("weightsBytes", memory.WeightsBytes);
                    w.WriteNumber("activationBytes", memory.ActivationBytes);
                    w.WriteNumber("overheadBytes", memory.OverheadBytes);
                    w.WriteNumber("cudaGraphReserveBytes", memory.CudaGraphReserveBytes);
                    w.WriteNumber("kvCacheBytes", memory.KvCacheBytes);
                    w.WriteNumber("kvCacheBytesPerToken", memory.KvBytesPerToken);
                    w.WriteNumber("maxTokensInKvCache", memory.MaxTokensInKvCache);
                    w.WriteNumber("largestStage", memory.LargestStage.Stage);
                    w.WriteNumber("bindingStage", memory.BindingStage.Stage);
                    w.WriteString("budgetRule", memory.BudgetRule);
                    w.WriteStartArray("stages");
                    foreach (var s in memory.Stages) WriteStage(w, s);
                    w.WriteEndArray();
                    w.WriteEndObject();

                    w.WriteStartObject("serving");
                    w.WriteNumber("maxConcurrentSequencesAtMaxModelLen", memory.MaxConcurrentSequencesAtMaxModelLen);
                    w.WriteNumber("concurrencyAtMaxModelLen", System.Math.Round(memory.ConcurrencyAtMaxModelLen, 2));
                    w.WriteNumber("kvCacheBytesPerMaxLenRequest", memory.KvBytesPerMaxLenRequest);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("perGpu");
                    w.WriteNull("serving");
                }
            }
            var time = d.Time;
            w.WriteStartObject("time");
            if (time != null)
            {
                w.WriteNumber("prefillSeconds", Round(time.Prefill.Seconds));
                w.WriteNumber("ttftSeconds", Round(time.TtftSeconds));
                w.WriteNumber("loneTtftSeconds", Round(time.LoneTtftSeconds));
                w.WriteNumber("decodeStepSeconds", Round(time.TpotSeconds));
                w.WriteNumber("prefillInterferenceSeconds", Round(time.PrefillInterferenceSeconds));
                w.WriteNumber("decodeKernels", time.Decode.Kernels);
                w.WriteNumber("decodeKernelFloorSeconds", Round(time.Decode.KernelFloorSeconds));
                w.WriteNumber("prefillHostDispatchSeconds", Round(time.Prefill.HostLaunchSeconds));
                w.WriteNumber("tokensPerSecond", Round(time.TokensPerSecondPerReplica));
                w.WriteNumber("tokensPerSecondPerGpu", Round(time.TokensPerSecondPerGpu));
                w.WriteNumber("inputTokens", time.InputTokens);
                w.WriteNumber("outputTokens", time.OutputTokens);
                w.WriteNumber("decodeBatch", time.DecodeBatch);
                w.WriteString("prefillBound", time.Prefill.DominantName);
                w.WriteString("decodeBound", time.Decode.DominantName);
                w.WriteNumber("prefillFlopsPerGpu", time.Prefill.Flops);
                w.WriteNumber("decodeBytesPerGpu", time.Decode.Bytes);
            }
            else
            {
                w.WriteNull("prefillSeconds");
                w.WriteNull("ttftSeconds");
                w.WriteNull("decodeStepSeconds");
                w.WriteNull("tokensPerSecond");
            }
            w.WriteEndObject();
            if (d.Plan != null && Estimation.CostEstimate.Of(d.Plan, d.Time) is Estimation.CostEstimate cost) WriteCost(w, cost);
            w.WriteStartObject("communication");
            if (time != null)
            {
                w.WriteString("tensorParallelLink", time.TensorParallelLink?.Id ?? "none");
                w.WriteString("pipelineLink", time.PipelineLink?.Id ?? "none");
                w.WriteString("expertParallelLink", time.ExpertParallelLink?.Id ?? "none");
                w.WriteNumber("commShareOfDecodeStep", Round(time.Decode.CommShare));
                w.WriteNumber("commShareOfPrefill", Round(time.Prefill.CommShare));
                w.WriteNumber("tensorParallelSecondsPerDecodeStep", Round(time.DecodeTensorParallelSeconds));
                w.WriteNumber("expertParallelSecondsPerDecodeStep", Round(time.DecodeExpertParallelSeconds));
                w.WriteNumber("pipelineSecondsPerDecodeStep", Round(time.DecodePipelineSeconds));
            }
            else
            {
                w.WriteNull("tensorParallelLink");
                w.WriteNull("commShareOfDecodeStep");
            }
            w.WriteEndObject();

            w.WriteStartArray("diagnostics");
            if (extra != null) foreach (var x in extra) WriteDiagnostic(w, x, null);
            foreach (var x in d.Diagnostics) WriteDiagnostic(w, x, null);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static double Round(double v) => System.Math.Round(v, 6);

        private static void WriteStage(Utf8JsonWriter w, StageMemory s)
        {
            w.WriteStartObject();
            w.WriteNumber("stage", s.Stage);
            w.WriteNumber("firstLayer", s.FirstLayer);
            w.WriteNumber("layers", s.LayerCount);
            w.WriteNumber("weightsBytes", s.WeightsBytes);
            w.WriteNumber("activationBytes", s.ActivationBytes);
            w.WriteNumber("overheadBytes", s.OverheadBytes);
            w.WriteNumber("cudaGraphReserveBytes", s.CudaGraphReserveBytes);
            w.WriteNumber("kvCacheBudgetBytes", s.KvBudgetBytes);
            w.WriteNumber("kvCacheBytesPerToken", s.KvBytesPerToken);
            w.WriteNumber("maxTokensInKvCache", s.MaxTokens);
            w.WriteEndObject();
        }

        private static void WriteDiagnostic(Utf8JsonWriter w, Diagnostic d, string? path)
        {
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            w.WriteString("severity", d.Severity.ToName());
            w.WriteString("message", d.Message);
            if (path != null) w.WriteString("file", path);
            w.WriteNumber("line", d.Span.StartLine);
            w.WriteNumber("column", d.Span.StartColumn);
            w.WriteNumber("endLine", d.Span.EndLine);
            w.WriteNumber("endColumn", d.Span.EndColumn);
            w.WriteString("title", d.Rule.Title);
            w.WriteString("helpUri", d.Rule.HelpUri);
            if (d.IsSuppressed) w.WriteString("suppressed", d.SuppressionReason);
            w.WriteEndObject();
        }

        /// <summary>"cost": per hour and per million output / input tokens at the declared load (null where the load gives no tokens).</summary>
        internal static void WriteCost(Utf8JsonWriter w, Estimation.CostEstimate cost)
        {
            w.WriteStartObject("cost");
            w.WriteNumber("perHour", System.Math.Round(cost.PerHour, 4));
            if (cost.PerMillionOutputTokens is double output) w.WriteNumber("perMillionOutputTokens", System.Math.Round(output, 4)); else w.WriteNull("perMillionOutputTokens");
            if (cost.PerMillionInputTokens is double input) w.WriteNumber("perMillionInputTokens", System.Math.Round(input, 4)); else w.WriteNull("perMillionInputTokens");
            w.WriteEndObject();
        }
    }
}
