using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Catalog;
using DeployLint.Estimation;
using DeployLint.Manifests;
using DeployLint.Models;
using DeployLint.Rules.Manifest;
using DeployLint.Text;
using DeployLint.Yaml;

namespace DeployLint.Plans
{
    /// <summary>
    /// Resolves a manifest against the catalog: finds the GPU, links and model, fills every default the engine
    /// would fill, and reports what cannot be resolved. Returns null when the plan cannot be estimated.
    /// </summary>
    public static class PlanResolver
    {
        public const string NewestVllm = "0.30";
        public const string NewestSglang = "0.5.12";
        public const string NewestTrtllm = "1.0";

        private const long GiB = 1L << 30;

        /// <summary>The inter-node link assumed (and said so) when a deployment file spans nodes without naming its network.</summary>
        public const string AssumedInterNode = "ib-ndr-400";
        private static readonly ConcurrentDictionary<string, ArchitectureResult> ConfigCache = new ConcurrentDictionary<string, ArchitectureResult>(StringComparer.Ordinal);

        public static DeploymentPlan? Resolve(DeploymentManifest m, HardwareCatalog catalog, IFileResolver? files, DiagnosticBag bag) =>
            Resolve(m, catalog, files, bag, out _);

        /// <summary>
        /// As <see cref="Resolve(DeploymentManifest, HardwareCatalog, IFileResolver?, DiagnosticBag)"/>; when only the model is
        /// unknown (not in the catalog, or an architecture DeployLint cannot count), <paramref name="withoutModel"/> is the
        /// rest of the plan (GPU, layout, engine, declared formats), for the checks that need no architecture.
        /// </summary>
        public static DeploymentPlan? Resolve(DeploymentManifest m, HardwareCatalog catalog, IFileResolver? files, DiagnosticBag bag, out DeploymentPlan? withoutModel)
        {
            withoutModel = null;
            if (!CheckDocument(m, bag)) return null;
            if (m.Unreadable != null)
            {
                bag.Add(PlanDetailUnknown.Descriptor, m.Unreadable.Span, m.Unreadable.Value);
                return null;
            }
            var plan = new DeploymentPlan { Manifest = m, Name = m.Name?.Value ?? "", Efficiency = catalog.Efficiency };
            bool ok = true;

            ok &= ResolveModel(m, catalog, files, plan, bag, out bool modelUnknown);
            if (!ok && m.IsForeign) return null; // nothing to check: one note about the model is enough
            bool rest = ResolveGpu(m, catalog, plan, bag);
            rest &= ResolveTopology(m, catalog, plan, bag);
            rest &= ResolveEngine(m, plan, bag);
            if (!ok && modelUnknown && rest && ResolveDeclaredFormats(m, plan))
            {
                plan.ModelKnown = false;
                if (plan.HardwareKnown) ResolveServingDefaults(m, plan); // the engine's budget fraction, for the checkpoint-size check
                withoutModel = plan;
            }
            ok &= rest;
            if (!ok) return null;
            ok &= ResolveFormats(m, plan, bag);
            if (!ok) return null;
            ResolveServingDefaults(m, plan);
            ResolveSlo(m, plan);
            return plan;
        }

        private static bool CheckDocument(DeploymentManifest m, DiagnosticBag bag)
        {
            if (m.IsForeign) return true;
            bool ok = true;
            if (m.ApiVersion != null && m.ApiVersion.Value != ManifestBinder.ApiVersionV1)
            {
                bag.Add(UnsupportedDocument.Descriptor, m.ApiVersion.Span, $"apiVersion '{ManifestBinder.Shorten(m.ApiVersion.Value)}' is not supported; use '{ManifestBinder.ApiVersionV1}'");
                ok = false;
            }
            if (m.Kind != null && m.Kind.Value != ManifestBinder.KindInferenceDeployment)
            {
                bag.Add(UnsupportedDocument.Descriptor, m.Kind.Span, $"kind '{ManifestBinder.Shorten(m.Kind.Value)}' is not supported; use '{ManifestBinder.KindInferenceDeployment}'");
                ok = false;
            }
            return ok && m.ApiVersion != null && m.Kind != null;
        }

        private static bool ResolveGpu(DeploymentManifest m, HardwareCatalog catalog, DeploymentPlan plan, DiagnosticBag bag)
        {
            var gpuId = m.Hardware.Gpu;
            if (gpuId == null)
            {
                if (!m.IsForeign) return false;
                plan.HardwareKnown = false;
                if (!m.Hardware.GpuUnknownExplained)
                {
                    string annotation = Manifests.Readers.ClusterHardware.GpuAnnotation;
                    string why = m.Origin!.StartsWith(Manifests.Readers.PlanSketchReader.Kind, StringComparison.Ordinal)
                        ? $"{m.Origin} has no hardware.gpu; only the model and layout checks run. Set hardware.gpu (e.g. H100-SXM-80GB) to check memory, latency and topology"
                        : $"{m.Origin} does not name its GPU type (no nvidia.com/gpu.product or cloud.google.com/gke-accelerator node label, instance type or {annotation} annotation); " +
                          $"only the model and layout checks run. Annotate {annotation}: H100-SXM-80GB (or the GPU it runs on) to check memory, latency and topology";
                    bag.Add(PlanDetailUnknown.Descriptor, m.Hardware.KeySpan ?? m.Name?.Span ?? m.DocumentSpan, why);
                }
                return true;
            }
            var gpu = catalog.FindGpu(gpuId.Value, out bool viaAlias);
            if (gpu == null && m.IsForeign)
            {
                plan.HardwareKnown = false;
                var near = Nearest.Find(gpuId.Value, catalog.Gpus.Select(g => g.Id), 3);
                bag.Add(PlanDetailUnknown.Descriptor, gpuId.Span,
                    $"GPU '{ManifestBinder.Shorten(gpuId.Value)}' is not in DeployLint's catalog{(near.Count > 0 ? " (nearest: " + string.Join(", ", near) + ")" : "")}; only the model and layout checks run");
                return true;
            }
            if (gpu == null)
            {
                var nearest = Nearest.Find(gpuId.Value, catalog.Gpus.Select(g => g.Id).Concat(catalog.Gpus.SelectMany(g => g.Aliases)), 3)
                    .Select(n => catalog.FindGpu(n, out _)!.Id).Distinct().ToList();
                string hint = nearest.Count > 0 ? "; nearest catalog ids: " + string.Join(", ", nearest) : "; see 'deploylint catalog' for the known ids, or add it with a user catalog";
                bag.Add(UnknownGpu.Descriptor, gpuId.Span, $"unknown GPU '{ManifestBinder.Shorten(gpuId.Value)}'{hint}");
                return false;
            }
            if (viaAlias)
            {
                bag.Add(AliasResolved.Descriptor, gpuId.Span, $"GPU '{gpuId.Value}' resolved to '{gpu.Id}' ({gpu.Name}, {Units.GiB(gpu.MemoryBytes)} as CUDA reports it); write '{gpu.Id}' to make the plan unambiguous");
            }
            plan.Gpu = gpu;
            return true;
        }

        private static bool ResolveModel(DeploymentManifest m, HardwareCatalog catalog, IFileResolver? files, DeploymentPlan plan, DiagnosticBag bag, out bool modelUnknown)
        {
            modelUnknown = false;
            ArchitectureResult result;
            SourceSpan reportAt;
            if (m.Model.Config == null && m.IsForeign && m.Model.Id != null && catalog.FindModel(m.Model.Id.Value) == null && files != null
                && m.Model.Id.Value.IndexOf("://", StringComparison.Ordinal) < 0 && m.Model.Id.Value.IndexOf('$') < 0
                && files.TryRead(bag.FilePath, m.Model.Id.Value.TrimEnd('/') + "/config.json", out _, out _, out _))
            {
                // --model ./models/my-llama: the checkpoint's config.json is in the repository.
                m.Model.Config = new Located<string>(m.Model.Id.Value.TrimEnd('/') + "/config.json", m.Model.Id.Span);
            }
            if (m.Model.Config == null && m.Model.Id != null && catalog.FindModel(m.Model.Id.Value) == null && files is IModelStore store
                && store.TryReadModelConfig(bag.FilePath, m.Model.Id.Value, out string storedText, out string storedPath))
            {
                // A model outside the catalog whose config.json the repository keeps in its model store.
                result = ConfigCache.GetOrAdd(storedPath + "\n" + storedText, _ => ParseConfig(storedText, storedPath));
                if (ConfigCache.Count > 512) ConfigCache.Clear();
                plan.ModelId = m.Model.Id.Value;
                reportAt = m.Model.Id.Span;
                string source = storedPath.StartsWith(ModelStore.Folder, StringComparison.Ordinal) ? "the repository's model store" : "the local Hugging Face cache";
                bag.Add(PlanDetailUnknown.Descriptor, m.Model.Id.Span, $"model '{ManifestBinder.Shorten(m.Model.Id.Value)}' is read from {source} ({storedPath})");
                if (store.TryReadModelFile(bag.FilePath, m.Model.Id.Value, ModelStore.SafetensorsIndex, out string index)) plan.CheckpointBytes = ModelStore.CheckpointBytes(index);
            }
            else if (m.Model.Config != null)
            {
                reportAt = m.Model.Config.Span;
                string text = "", resolvedPath = "", problem = "no file access in this context";
                if (files == null || !files.TryRead(bag.FilePath, m.Model.Config.Value, out text, out resolvedPath, out problem))
                {
                    string why = problem;
                    bag.Add(ReferencedFileUnreadable.Descriptor, m.Model.Config.Span, $"cannot read model config '{ManifestBinder.Shorten(m.Model.Config.Value)}': {why}");
                    return false;
                }
                result = ConfigCache.GetOrAdd(resolvedPath + "\n" + text, _ => ParseConfig(text, resolvedPath));
                if (ConfigCache.Count > 512) ConfigCache.Clear();
                plan.ModelId = m.Model.Id?.Value ?? resolvedPath;
            }
            else if (m.Model.Id != null)
            {
                reportAt = m.Model.Id.Span;
                var entry = catalog.FindModel(m.Model.Id.Value);
                if (entry == null && m.IsForeign && ModelByPathName(m.Model.Id.Value, catalog) is ModelEntry byName)
                {
                    entry = byName;
                    bag.Add(PlanDetailUnknown.Descriptor, m.Model.Id.Span,
                        $"the model is loaded from '{ManifestBinder.Shorten(m.Model.Id.Value)}'; DeployLint takes it to be {byName.Id} from the folder's name (annotate {Manifests.Readers.ClusterHardware.ModelAnnotation} if it is another checkpoint)");
                }
                if (entry == null && m.IsForeign && FolderVariant(m.Model.Id.Value, catalog) is ModelVariants.Match folder)
                {
                    // /model-cache/deepseek-r1-fp4: a catalog model's name with a quantization suffix.
                    entry = folder.Entry;
                    plan.InferredWeightsFormat = folder.Format;
                    plan.InferredQuantization = folder.Scheme;
                    bag.Add(PlanDetailUnknown.Descriptor, m.Model.Id.Span,
                        $"the model is loaded from '{ManifestBinder.Shorten(m.Model.Id.Value)}'; DeployLint takes it to be {folder.Entry.Id}" + (folder.Format != null ? $" in {folder.Format}" : "") +
                        $" from the folder's name (annotate {Manifests.Readers.ClusterHardware.ModelAnnotation} if it is another checkpoint)");
                }
                if (entry == null && m.IsForeign && FolderName(m.Model.Id.Value) != null && m.Model.ServedName is Located<string> served &&
                    ModelByServedName(served.Value, catalog) is ModelEntry byServedName)
                {
                    // vllm serve /models/model --served-model-name meta-llama/Llama-3.1-8B-Instruct: a PVC's folder, the Hub name for clients.
                    entry = byServedName;
                    bag.Add(PlanDetailUnknown.Descriptor, m.Model.Id.Span,
                        $"the model is loaded from '{ManifestBinder.Shorten(m.Model.Id.Value)}'; DeployLint takes it to be {byServedName.Id}, the name it is served as " +
                        $"(--served-model-name {ManifestBinder.Shorten(served.Value)}; annotate {Manifests.Readers.ClusterHardware.ModelAnnotation} if it is another checkpoint)");
                }
                if (entry == null && ModelVariants.Find(m.Model.Id.Value, catalog) is ModelVariants.Match variant)
                {
                    entry = variant.Entry;
                    plan.InferredWeightsFormat = variant.Format;
                    plan.InferredQuantization = variant.Scheme;
                    bag.Add(AliasResolved.Descriptor, m.Model.Id.Span,
                        $"model '{ManifestBinder.Shorten(m.Model.Id.Value)}' is not in the catalog; DeployLint takes it as {variant.Reason} and uses that model's shapes. " +
                        $"A re-upload can differ (padded shapes, layers left unquantized): run 'deploylint models pull {ManifestBinder.Shorten(m.Model.Id.Value)}' for an exact check");
                }
                if (entry == null)
                {
                    var nearest = Nearest.Find(m.Model.Id.Value, catalog.ModelIds, 3);
                    if (nearest.Count == 0)
                    {
                        string tail = m.Model.Id.Value.Contains("/") ? m.Model.Id.Value.Substring(m.Model.Id.Value.LastIndexOf('/') + 1) : m.Model.Id.Value;
                        nearest = Nearest.Find(tail, catalog.ModelIds.Select(i => i.Substring(i.LastIndexOf('/') + 1)), 3)
                            .SelectMany(t => catalog.ModelIds.Where(i => i.EndsWith("/" + t, StringComparison.OrdinalIgnoreCase))).Take(3).ToList();
                    }
                    string hint = nearest.Count > 0 ? "; nearest catalog ids: " + string.Join(", ", nearest) : "";
                    if (m.IsForeign)
                    {
                        string what = m.Model.Id.Value.IndexOf('$') >= 0 ? $"the model is {ManifestBinder.Shorten(m.Model.Id.Value)}, which this file does not define"
                            : $"model '{ManifestBinder.Shorten(m.Model.Id.Value)}' is not in DeployLint's catalog{hint}";
                        bag.Add(PlanDetailUnknown.Descriptor, m.Model.Id.Span,
                            $"{what}; the deployment is not checked (annotate {Manifests.Readers.ClusterHardware.ModelAnnotation} with a catalog id, or {Manifests.Readers.ClusterHardware.ModelConfigAnnotation} with the path of its config.json in this repository)");
                        return false;
                    }
                    bag.Add(UnknownModel.Descriptor, m.Model.Id.Span,
                        $"unknown model '{ManifestBinder.Shorten(m.Model.Id.Value)}'{hint}; memory, latency and divisibility are not checked (set model.config to its config.json to check them)");
                    modelUnknown = true;
                    return false;
                }
                result = catalog.ArchitectureOf(entry);
                plan.ModelId = entry.Id;
            }
            else
            {
                if (m.IsForeign)
                {
                    bag.Add(PlanDetailUnknown.Descriptor, m.Model.KeySpan ?? m.Name?.Span ?? m.DocumentSpan,
                        $"{m.Origin} does not name its model; the deployment is not checked (annotate {Manifests.Readers.ClusterHardware.ModelAnnotation} with a catalog id)");
                }
                return false;
            }

            if (result.Architecture == null && m.IsForeign)
            {
                bag.Add(PlanDetailUnknown.Descriptor, reportAt, result.Error!.Message + "; the deployment is not checked");
                return false;
            }
            if (result.Architecture == null)
            {
                var error = result.Error!;
                string where = m.Model.Config != null ? $" ({m.Model.Config.Value}:{error.Span.StartLine}:{error.Span.StartColumn})" : "";
                bag.Add(UnsupportedArchitecture.Descriptor, reportAt, error.Message + where + "; memory, latency and divisibility are not checked");
                modelUnknown = true;
                return false;
            }
            plan.Architecture = result.Architecture;
            if (result.Architecture.Approximation is Approximation approx)
            {
                bag.Add(UnsupportedArchitecture.Descriptor, reportAt,
                    $"model_type '{ManifestBinder.Shorten(approx.ModelType)}' is not modelled exactly; DeployLint estimates it as a Llama-style decoder ({approx.Mlp} MLP, no biases) " +
                    $"from config.json's sizes: {result.Architecture.TotalParameters:N0} parameters, weights within about {Math.Round(approx.WeightsUncertainty * 100):0}% (one MLP matrix per layer plus 2%), so memory verdicts near the limit are approximate" +
                    (plan.CheckpointBytes != null ? $"; the checkpoint's safetensors index ({Units.GiB(plan.CheckpointBytes.Value)}) bounds the weights exactly" : "; a model.safetensors.index.json in the model store makes the weights exact"));
            }
            plan.Quantization = result.Quantization ?? new QuantizationScheme(Formats.Bf16, ScaleGranularity.None);
            plan.CheckpointQuantization = result.Quantization;
            return true;
        }

        /// <summary>A local path whose last folder is a catalog model's name with a quantization suffix, as a re-upload would be.</summary>
        private static ModelVariants.Match? FolderVariant(string value, HardwareCatalog catalog) =>
            FolderName(value) is string name && ModelVariants.NamesAFormat(name) ? ModelVariants.Find("local/" + name, catalog) : null;

        /// <summary>The last folder of a local or bucket path (/models/DeepSeek-R1, s3://b/llama-3-8b); null for a Hub id.</summary>
        private static string? FolderName(string value)
        {
            string path = value.Trim().TrimEnd('/');
            if (path.IndexOf("://", StringComparison.Ordinal) < 0 && !path.StartsWith("/", StringComparison.Ordinal) && !path.StartsWith("./", StringComparison.Ordinal)) return null;
            string name = path.Substring(path.LastIndexOf('/') + 1);
            return name.Length > 0 ? name : null;
        }

        /// <summary>
        /// A model loaded from a path or bucket (/models/Qwen2.5-7B-Instruct, s3://b/meta-llama/Meta-Llama-3-70B-Instruct) whose
        /// last segment is exactly one catalog repository name; null when none or several match.
        /// </summary>
        private static ModelEntry? ModelByPathName(string value, HardwareCatalog catalog) =>
            FolderName(value) is string name ? ModelByRepositoryName(name, catalog) : null;

        /// <summary>
        /// A served model name that is a catalog id (meta-llama/Llama-3.1-8B-Instruct) or exactly one catalog repository name
        /// (Llama-3.1-8B-Instruct); a short alias such as 'llama' names none.
        /// </summary>
        private static ModelEntry? ModelByServedName(string value, HardwareCatalog catalog)
        {
            string name = value.Trim();
            if (name.Length == 0 || name.Length > 200) return null;
            if (name.Contains("/")) return catalog.FindModel(name);
            return ModelByRepositoryName(name, catalog);
        }

        private static ModelEntry? ModelByRepositoryName(string name, HardwareCatalog catalog)
        {
            var matches = catalog.Models.Where(e => e.Ids.Any(id => id.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        private static ArchitectureResult ParseConfig(string text, string path)
        {
            var read = YamlTreeReader.Read(text);
            if (read.Problems.Count > 0)
            {
                var p = read.Problems[0];
                return ArchitectureResult.Failed(new ModelConfigException($"{path} is not valid JSON: {p.Message}", p.Span));
            }
            if (read.Documents.Count != 1 || !(read.Documents[0].Root is YMapping root))
            {
                return ArchitectureResult.Failed(new ModelConfigException($"{path} is not a JSON object", SourceSpan.FileStart));
            }
            return ArchitectureResult.From(new ModelConfig(root, path));
        }

        private static bool ResolveTopology(DeploymentManifest m, HardwareCatalog catalog, DeploymentPlan plan, DiagnosticBag bag)
        {
            var p = m.Parallelism;
            plan.Tensor = (int)(p.Tensor?.Value ?? 1);
            plan.Pipeline = (int)(p.Pipeline?.Value ?? 1);
            plan.Data = (int)(p.Data?.Value ?? 1);
            plan.Expert = (int)(p.Expert?.Value ?? (p.ExpertParallelEnabled != null ? (long)plan.Tensor * plan.Data : 1));
            if (p.AttentionData != null && p.AttentionData.Value > 1 && plan.Tensor % p.AttentionData.Value == 0) plan.AttentionData = (int)p.AttentionData.Value;
            plan.Nodes = (int)(m.Hardware.Nodes?.Value ?? 1);
            long product = (long)plan.Tensor * plan.Pipeline * plan.Data;
            if (m.Hardware.GpusPerNode != null)
            {
                plan.GpusPerNode = (int)m.Hardware.GpusPerNode.Value;
            }
            else if (product % plan.Nodes == 0 && product / plan.Nodes <= 1024)
            {
                plan.GpusPerNode = (int)(product / plan.Nodes);
            }
            else
            {
                bag.Add(MissingField.Descriptor, m.Hardware.KeySpan ?? m.DocumentSpan,
                    $"hardware.gpusPerNode is missing and cannot be inferred: TP x PP x DP = {product} is not a multiple of {plan.Nodes} nodes");
                return false;
            }

            bool ok = true;
            var gpuLink = plan.Gpu.IntraNodeLink.Length > 0 ? catalog.FindLink(plan.Gpu.IntraNodeLink) : null;
            if (m.Hardware.IntraNode != null)
            {
                var link = catalog.FindLink(m.Hardware.IntraNode.Value);
                if (link == null)
                {
                    bag.Add(UnknownLink.Descriptor, m.Hardware.IntraNode.Span, $"unknown link '{ManifestBinder.Shorten(m.Hardware.IntraNode.Value)}'{LinkHint(m.Hardware.IntraNode.Value, catalog, null)}");
                    ok = false;
                }
                else
                {
                    plan.IntraNodeLink = link;
                }
            }
            else if (gpuLink != null)
            {
                plan.IntraNodeLink = gpuLink;
            }

            if (m.Hardware.InterNode != null)
            {
                var link = catalog.FindLink(m.Hardware.InterNode.Value);
                if (link == null)
                {
                    bag.Add(UnknownLink.Descriptor, m.Hardware.InterNode.Span, $"unknown link '{ManifestBinder.Shorten(m.Hardware.InterNode.Value)}'{LinkHint(m.Hardware.InterNode.Value, catalog, LinkKind.Network)}");
                    ok = false;
                }
                else
                {
                    plan.InterNodeLink = link;
                }
            }
            else if (plan.Nodes > 1 && m.IsForeign)
            {
                plan.InterNodeLink = catalog.FindLink(AssumedInterNode)!;
                if (plan.HardwareKnown)
                {
                    bag.Add(PlanDetailUnknown.Descriptor, m.Hardware.Nodes!.Span,
                        $"the network between the {plan.Nodes} nodes is not named; timings assume {AssumedInterNode} (RDMA, 400 Gb/s per GPU). Annotate {Manifests.Readers.ClusterHardware.InterNodeAnnotation} (e.g. ib-ndr-400, roce-200g, eth-100g) to check the real one");
                }
            }
            else if (plan.Nodes > 1)
            {
                bag.Add(MissingField.Descriptor, m.Hardware.Nodes!.Span,
                    $"a plan over {plan.Nodes} nodes needs hardware.interNode (the per-GPU NIC between nodes, e.g. ib-ndr-400, roce-200g, eth-100g); DeployLint does not guess the network");
                ok = false;
            }
            return ok;
        }

        private static string LinkHint(string value, HardwareCatalog catalog, LinkKind? kind)
        {
            string hint = Nearest.DidYouMean(value, catalog.Links.Select(l => l.Id));
            if (hint.Length > 0) return hint;
            var ids = catalog.Links.Where(l => kind == null ? l.Kind != LinkKind.Network : l.Kind == kind).Select(l => l.Id).OrderBy(i => i, StringComparer.Ordinal);
            return "; known ids: " + string.Join(", ", ids);
        }

        private static bool ResolveEngine(DeploymentManifest m, DeploymentPlan plan, DiagnosticBag bag)
        {
            string engine = "vllm";
            string? version = m.Serving.EngineVersion?.Value;
            if (m.Serving.Engine != null)
            {
                engine = m.Serving.Engine.Value.Trim().ToLowerInvariant();
                int at = engine.IndexOf('@');
                if (at >= 0)
                {
                    version ??= engine.Substring(at + 1);
                    engine = engine.Substring(0, at);
                }
            }
            plan.EngineVersionAssumed = version == null && engine != "generic";
            switch (engine)
            {
                case "vllm": plan.Engine = ServingEngine.Vllm; plan.EngineVersion = version ?? NewestVllm; break;
                case "sglang": plan.Engine = ServingEngine.Sglang; plan.EngineVersion = version ?? NewestSglang; break;
                case "trtllm": case "tensorrt-llm": plan.Engine = ServingEngine.Trtllm; plan.EngineVersion = version ?? NewestTrtllm; break;
                case "generic": plan.Engine = ServingEngine.Generic; plan.EngineVersion = version ?? ""; break;
                default:
                    bag.Add(InvalidValue.Descriptor, m.Serving.Engine!.Span,
                        $"unknown engine '{ManifestBinder.Shorten(m.Serving.Engine.Value)}'{Nearest.DidYouMean(engine, new[] { "vllm", "sglang", "trtllm", "generic" })} (known: vllm, sglang, trtllm, generic)");
                    return false;
            }
            return true;
        }

        /// <summary>
        /// The formats a manifest states without its model's config: model.weights (a float format is also the activation
        /// format, as vLLM's --dtype is) and model.dtype. What is not written stays "" (unknown). False for a format
        /// DeployLint does not know (reported by the full resolution).
        /// </summary>
        private static bool ResolveDeclaredFormats(DeploymentManifest m, DeploymentPlan plan)
        {
            string weights = m.Model.Weights?.Value.Trim().ToLowerInvariant() ?? "";
            if (weights == "fp8") weights = Formats.Fp8E4M3;
            if (weights.Length > 0 && !Formats.WeightFormats.Contains(weights)) return false;
            string activation = m.Model.Dtype?.Value ?? (Formats.IsFloatingPoint(weights) ? weights : "");
            plan.WeightsFormat = weights;
            plan.ActivationFormat = activation;
            plan.KvCacheFormat = m.Model.KvCache != null ? Formats.NormalizeKv(m.Model.KvCache.Value.Trim().ToLowerInvariant()) : activation;
            return true;
        }

        /// <summary>
        /// NVIDIA's NVFP4 re-uploads of DeepSeek-style models (nvidia/DeepSeek-R1-0528-FP4) leave attention and lm_head in 16 bits:
        /// TensorRT Model Optimizer's examples/deepseek/ptq.py disables "*attn*" and "*head*" quantizers unless asked otherwise.
        /// </summary>
        private static readonly QuantizationScheme ModelOptMlaNvfp4 =
            new QuantizationScheme(Formats.Nvfp4, ScaleGranularity.PerGroup, groupSize: 16, unquantizedModules: new[] { "self_attn", "lm_head" }, origin: "name");

        private static bool ResolveFormats(DeploymentManifest m, DeploymentPlan plan, DiagnosticBag bag)
        {
            bool ok = true;
            var a = plan.Architecture;
            bool gpuHasBf16 = !plan.HardwareKnown || plan.Gpu.Supports(Formats.Bf16);
            string configFormat = Formats.FromTorchDtype(a.ConfigDtype);
            string activation = configFormat == Formats.Bf16 && !gpuHasBf16 ? Formats.Fp16 : configFormat;
            if (m.Model.Dtype != null) activation = m.Model.Dtype.Value;
            // A re-upload named for another format (nvidia/DeepSeek-R1-0528-FP4) replaces the base checkpoint's quantization.
            var checkpoint = plan.InferredWeightsFormat != null && plan.CheckpointQuantization?.Format != plan.InferredWeightsFormat ? null : plan.CheckpointQuantization;

            string weights;
            if (m.Model.Weights != null)
            {
                string declared = m.Model.Weights.Value.Trim().ToLowerInvariant();
                if (declared == "fp8") declared = Formats.Fp8E4M3;
                if (!Formats.WeightFormats.Contains(declared))
                {
                    bag.Add(InvalidValue.Descriptor, m.Model.Weights.Span,
                        $"unknown weight format '{ManifestBinder.Shorten(m.Model.Weights.Value)}'{Nearest.DidYouMean(declared, Formats.WeightFormats)} (known: {string.Join(", ", Formats.WeightFormats)})");
                    return false;
                }
                if (checkpoint != null && declared != checkpoint.Format)
                {
                    bag.Add(CheckpointFormatMismatch.Descriptor, m.Model.Weights.Span,
                        $"model.weights is '{declared}' but {plan.ModelId} is a quantized checkpoint stored as {checkpoint.Describe()}; the engine loads what the checkpoint holds, so DeployLint uses {checkpoint.Format}");
                    weights = checkpoint.Format;
                }
                else
                {
                    weights = declared;
                }
            }
            else
            {
                weights = checkpoint?.Format ?? plan.InferredWeightsFormat ?? activation;
            }

            if (Formats.IsFloatingPoint(weights))
            {
                plan.Quantization = new QuantizationScheme(weights, ScaleGranularity.None);
                // vLLM has one --dtype for unquantized weights, activations and (kv_cache_dtype auto) the KV cache.
                if (weights != Formats.Fp32 || m.Model.Dtype == null) activation = weights;
            }
            else
            {
                plan.Quantization = checkpoint != null && checkpoint.Format == weights ? checkpoint
                    : plan.InferredWeightsFormat == weights && weights == Formats.Nvfp4 && a.FirstAttentionLayout?.Kind == AttentionKind.Mla ? ModelOptMlaNvfp4
                    : plan.InferredQuantization?.Format == weights ? plan.InferredQuantization
                    : QuantizationScheme.OnLoad(weights);
            }
            plan.WeightsFormat = weights;
            plan.ActivationFormat = activation;

            string kv = activation;
            if (m.Model.KvCache != null)
            {
                string declared = m.Model.KvCache.Value.Trim().ToLowerInvariant();
                if (!Formats.KvFormats.Contains(declared))
                {
                    bag.Add(InvalidValue.Descriptor, m.Model.KvCache.Span,
                        $"unknown KV-cache format '{ManifestBinder.Shorten(m.Model.KvCache.Value)}'{Nearest.DidYouMean(declared, Formats.KvFormats)} (known: {string.Join(", ", Formats.KvFormats)})");
                    ok = false;
                }
                kv = Formats.NormalizeKv(declared);
            }
            else if (plan.Engine == ServingEngine.Sglang && a.FirstAttentionLayout?.Indexer != null && plan.HardwareKnown && plan.Gpu.ComputeCapabilityNumber >= 10)
            {
                // server_args._set_default_nsa_kv_cache_dtype: DeepSeek sparse attention defaults to an FP8 cache on Blackwell.
                kv = Formats.Fp8E4M3;
            }
            plan.KvCacheFormat = kv;
            return ok;
        }

        private static void ResolveServingDefaults(DeploymentManifest m, DeploymentPlan plan)
        {
            var s = m.Serving;
            bool bigGpu = plan.Gpu.MemoryBytes >= 70 * GiB && plan.Gpu.Id.IndexOf("A100", StringComparison.OrdinalIgnoreCase) < 0;
            plan.MaxModelLen = s.MaxModelLen?.Value ?? plan.Architecture.DerivedMaxModelLen;
            plan.BlockSize = (int)(s.BlockSize?.Value ?? (plan.Engine == ServingEngine.Vllm ? 16 : plan.Engine == ServingEngine.Trtllm ? 32 : 1));
            plan.MaxConcurrentSequencesDeclared = s.MaxConcurrentSequences != null;
            plan.CudaGraphMaxBatchSize = s.CudaGraphMaxBatchSize?.Value;
            plan.PrefillCudaGraphs = s.PrefillCudaGraphs?.Value;
            if (plan.Engine == ServingEngine.Sglang) plan.SchedulerRecvInterval = (int)Math.Min(1_000_000, s.SchedulerRecvInterval?.Value ?? 1);
            if (plan.Engine == ServingEngine.Trtllm)
            {
                plan.BatchWaitIterations = (int)Math.Min(1_000_000, s.BatchWaitIterations?.Value ?? 0);
                plan.BatchWaitTokenRatio = s.BatchWaitTokenRatio?.Value ?? 0;
                plan.AttentionDpBalance = s.AttentionDpBalance?.Value ?? false;
                if (s.AttentionDpTimeoutIterations != null) plan.AttentionDpTimeoutIterations = (int)Math.Min(1_000_000, s.AttentionDpTimeoutIterations.Value);
                if (s.AttentionDpBatchingWaitIterations != null) plan.AttentionDpBatchingWaitIterations = (int)Math.Min(1_000_000, s.AttentionDpBatchingWaitIterations.Value);
            }
            switch (plan.Engine)
            {
                case ServingEngine.Vllm:
                    plan.GpuMemoryUtilization = s.GpuMemoryUtilization?.Value ?? VllmDefaultUtilization(plan.EngineVersion);
                    plan.VllmV0 = IsVllmV0(plan.EngineVersion, s.UseV1?.Value);
                    plan.EnforceEager = s.EnforceEager?.Value == true;
                    plan.CudaGraphEstimateSetting = s.EstimateCudaGraphs?.Value;
                    if (plan.VllmV0)
                    {
                        // V0 SchedulerConfig: max_num_seqs 256; chunked prefill on by default only past a 32K context, then
                        // max_num_batched_tokens 512 (< 0.6.4) or 2048; without it max(max_model_len, 2048), so the profile
                        // run covers a whole max-length prompt.
                        bool chunked = plan.MaxModelLen > 32768;
                        plan.MaxConcurrentSequences = s.MaxConcurrentSequences?.Value ?? 256;
                        plan.MaxBatchedTokens = s.MaxBatchedTokens?.Value ?? (chunked ? (VersionBelow(plan.EngineVersion, 0, 6, 4) ? 512 : 2048) : Math.Max(plan.MaxModelLen, 2048));
                        break;
                    }
                    // vllm/engine/arg_utils.py _set_default_args (V1, OpenAI server): H100-class GPUs >= 70 GiB (not A100)
                    // get max_num_seqs 1024 and max_num_batched_tokens 8192, others 256 and 2048.
                    plan.MaxConcurrentSequences = s.MaxConcurrentSequences?.Value ?? (bigGpu ? 1024 : 256);
                    plan.MaxBatchedTokens = s.MaxBatchedTokens?.Value ?? (bigGpu ? 8192 : 2048);
                    break;
                case ServingEngine.Sglang:
                    // chunked_prefill_size: 8192 on cards of 60 GiB and more, else 2048; by memory bucket from 0.5.4.
                    plan.MaxBatchedTokens = s.MaxBatchedTokens?.Value ?? (VersionBelow(plan.EngineVersion, 0, 5, 4)
                        ? (plan.Gpu.MemoryBytes >= 60 * GiB ? 8192 : 2048)
                        : SglangDefaultChunkedPrefill(plan.Gpu.MemoryBytes / (1024.0 * 1024) + (plan.Gpu.ComputeCapabilityNumber > 0 ? 480 : 0)));
                    plan.GpuMemoryUtilization = s.GpuMemoryUtilization?.Value ?? SglangDefaultMemFractionStatic(plan);
                    plan.MaxConcurrentSequences = s.MaxConcurrentSequences?.Value ?? 4096;
                    break;
                case ServingEngine.Trtllm:
                    plan.GpuMemoryUtilization = s.GpuMemoryUtilization?.Value ?? 0.9;
                    plan.MaxConcurrentSequences = s.MaxConcurrentSequences?.Value ?? 2048;
                    plan.MaxBatchedTokens = s.MaxBatchedTokens?.Value ?? 8192;
                    break;
                default:
                    plan.GpuMemoryUtilization = s.GpuMemoryUtilization?.Value ?? 1.0;
                    plan.MaxConcurrentSequences = s.MaxConcurrentSequences?.Value ?? 256;
                    plan.MaxBatchedTokens = s.MaxBatchedTokens?.Value ?? 8192;
                    break;
            }
            plan.CpuOffloadBytes = (long)((s.CpuOffloadGiB?.Value ?? 0) * GiB);
            plan.KvCacheMemoryBytes = plan.Engine == ServingEngine.Vllm ? s.KvCacheMemoryBytes?.Value : null;
            plan.MaxTotalTokens = plan.Engine == ServingEngine.Sglang ? s.MaxTotalTokens?.Value : null;
            if (s.SpeculativeMethod?.Value is string method)
            {
                plan.SpeculativeTokens = (int)(s.SpeculativeTokens?.Value ?? 1);
                // vLLM resolves "mtp" (and the model-specific deepseek_mtp, qwen3_next_mtp, ...) to the checkpoint's own MTP layers.
                if (plan.Engine == ServingEngine.Vllm && method.EndsWith("mtp", StringComparison.OrdinalIgnoreCase)) plan.MtpDraftLayers = plan.Architecture.NextTokenPredictorLayers;
            }
            plan.ReservedBytes = s.ReservedMemoryBytes?.Value ?? (plan.Engine == ServingEngine.Generic ? plan.Gpu.MemoryBytes / 10 : 0);
        }

        /// <summary>V1 became vLLM's default engine in 0.8.0; VLLM_USE_V1=0 chose V0 until V0 was removed in 0.11.</summary>
        public static bool IsVllmV0(string version, bool? useV1) =>
            VersionBelow(version, 0, 8, 0) || useV1 == false && VersionBelow(version, 0, 11, 0);

        /// <summary>True when a dotted version (0.7.3, 0.10.1.post1) is below major.minor.patch; false when it cannot be read.</summary>
        public static bool VersionBelow(string version, int major, int minor, int patch)
        {
            if (string.IsNullOrEmpty(version) || !char.IsDigit(version[0])) return false;
            // Parsed in place: this runs for every stage of every layout the planner tries.
            int a = 0, b = 0, c = 0, part = 0;
            bool inDigits = true;
            foreach (char ch in version)
            {
                if (ch == '.')
                {
                    if (++part > 2) break;
                    inDigits = true;
                    continue;
                }
                if (!inDigits || ch < '0' || ch > '9')
                {
                    inDigits = false;
                    continue;
                }
                int digit = ch - '0';
                if (part == 0) a = Math.Min(a * 10 + digit, 100_000);
                else if (part == 1) b = Math.Min(b * 10 + digit, 100_000);
                else c = Math.Min(c * 10 + digit, 100_000);
            }
            return a != major ? a < major : b != minor ? b < minor : c < patch;
        }

        /// <summary>SGLang server_args.py before 0.4.8: mem_fraction_static default by tensor-parallel size.</summary>
        public static double SglangDefaultMemFractionStatic(int tensorParallel) =>
            tensorParallel >= 16 ? 0.79 : tensorParallel >= 8 ? 0.81 : tensorParallel >= 4 ? 0.85 : tensorParallel >= 2 ? 0.87 : 0.88;

        /// <summary>
        /// SGLang's default mem_fraction_static for the plan's version: by TP before 0.4.8; from 0.4.8 by the card's memory
        /// (get_device_memory_capacity, nvidia-smi's MiB) and parallel_size = TP x PP, reserving (2.8 + ps/10) GiB under
        /// 35 GiB, (9.5 + ps/2) GiB under 90 GiB, (12 + ps/2) GiB under 160 GiB and 32 GiB above, rounded to three places
        /// (H100 at TP 1: 0.874, as sglang#7883's ServerArgs dump shows).
        /// </summary>
        public static double SglangDefaultMemFractionStatic(DeploymentPlan plan)
        {
            if (VersionBelow(plan.EngineVersion, 0, 4, 8)) return SglangDefaultMemFractionStatic(plan.Tensor);
            // The catalog holds memory as CUDA reports it; nvidia-smi shows 480 MiB more on NVIDIA parts (see gpus.yaml).
            double gpuMiB = plan.Gpu.MemoryBytes / (1024.0 * 1024) + (plan.Gpu.ComputeCapabilityNumber > 0 ? 480 : 0);
            double parallel = (double)plan.Tensor * plan.Pipeline;
            if (!VersionBelow(plan.EngineVersion, 0, 5, 4)) return SglangActivationAwareFraction(plan, gpuMiB, parallel);
            double reservedGiB = gpuMiB < 35 * 1024 ? 2.8 + parallel / 10 : gpuMiB < 90 * 1024 ? 9.5 + parallel / 2 : gpuMiB < 160 * 1024 ? 12 + parallel / 2 : 32;
            if (plan.AttentionData > 1) reservedGiB += 4;
            double fraction = Math.Round((gpuMiB - reservedGiB * 1024) / gpuMiB, 3, MidpointRounding.AwayFromZero);
            return fraction > 0.05 ? fraction : SglangDefaultMemFractionStatic(plan.Tensor);
        }

        /// <summary>
        /// SGLang from 0.5.4 (PR #10975, server_args._handle_gpu_memory_settings): the reserve is an estimate of activations
        /// and graph buffers in MiB, 512 + max(chunked_prefill_size, 2048) x 1.5 + cuda_graph_max_bs x 2 + TP x PP / 8 x 1024
        /// (+ cuda_graph_max_bs x dp x 3 with DP attention, x 4.5 above 300),
        /// at least 10 GiB on cards above 60 GiB, with chunked_prefill_size and cuda_graph_max_bs defaulted by the card's
        /// memory. From 0.5.8 piecewise CUDA graphs are on (PR #16331) and add 8 MiB per captured token size up to the chunk
        /// (not for MLA models, whose prefill stays eager). H100, Qwen3-32B, TP 1: 0.828, as sglang#29092 reports.
        /// </summary>
        private static double SglangActivationAwareFraction(DeploymentPlan plan, double gpuMiB, double parallel)
        {
            long chunk = plan.MaxBatchedTokens > 0 ? plan.MaxBatchedTokens : SglangDefaultChunkedPrefill(gpuMiB);
            long graphBatch = plan.CudaGraphMaxBatchSize ?? SglangDefaultCudaGraphMaxBatch(gpuMiB, plan.Tensor);
            double reserved = 512 + Math.Max(chunk, 2048) * 1.5 + graphBatch * 2 + parallel / 8 * 1024;
            if (plan.AttentionData > 1)
            {
                // "DP attention needs more padding for some operations", and more again for graph batches above 300.
                reserved += graphBatch * plan.AttentionData * 3;
                if (graphBatch > 300) reserved += graphBatch * plan.AttentionData * 1.5;
            }
            if (SglangPiecewisePrefillGraphs(plan)) reserved += SglangPiecewiseCaptureSizes(chunk) * 8;
            if (gpuMiB > 60 * 1024) reserved = Math.Max(reserved, 10 * 1024);
            double fraction = Math.Round((gpuMiB - reserved) / gpuMiB, 3, MidpointRounding.AwayFromZero);
            return fraction > 0.05 ? fraction : SglangDefaultMemFractionStatic(plan.Tensor);
        }

        /// <summary>SGLang's chunked_prefill_size default by the card's memory (MiB), from 0.5.4.</summary>
        public static long SglangDefaultChunkedPrefill(double gpuMiB) =>
            gpuMiB < 35 * 1024 ? 2048 : gpuMiB < 60 * 1024 ? 4096 : gpuMiB < 160 * 1024 ? 8192 : 16384;

        /// <summary>
        /// vLLM's gpu_memory_utilization default: 0.9 for most of its history, 0.92 since vllm-project/vllm#38284 (merged in
        /// April 2026, after 0.19; CacheConfig 'Field(default=0.92, gt=0, le=1)' in v0.25.0, v0.27.1 and v0.30.0, and 2026
        /// start-up logs print 'Desired GPU memory utilization is (0.92, ...)' without the flag).
        /// </summary>
        public static double VllmDefaultUtilization(string version) => VersionBelow(version, 0, 20, 0) ? 0.9 : 0.92;

        /// <summary>SGLang's cuda_graph_max_bs default by the card's memory (MiB) and TP, from 0.5.4.</summary>
        public static int SglangDefaultCudaGraphMaxBatch(double gpuMiB, int tensor) =>
            gpuMiB < 20 * 1024 ? 8 : gpuMiB < 35 * 1024 ? (tensor < 4 ? 24 : 80) : gpuMiB < 60 * 1024 ? (tensor < 4 ? 32 : 160) : gpuMiB < 160 * 1024 ? (tensor < 4 ? 256 : 512) : 512;

        /// <summary>
        /// True when SGLang captures prefill as piecewise CUDA graphs: on by default from 0.5.8 (--enable-piecewise-cuda-graph
        /// before), off with --disable-piecewise-cuda-graph, never for MLA models.
        /// </summary>
        public static bool SglangPiecewisePrefillGraphs(DeploymentPlan plan) =>
            plan.Engine == ServingEngine.Sglang && !plan.EnforceEager && plan.Architecture?.FirstAttentionLayout?.Kind != AttentionKind.Mla &&
            (plan.PrefillCudaGraphs ?? !VersionBelow(plan.EngineVersion, 0, 5, 8));

        /// <summary>How many token sizes _generate_piecewise_cuda_graph_tokens captures up to <paramref name="maxTokens"/>.</summary>
        public static int SglangPiecewiseCaptureSizes(long maxTokens)
        {
            int count = 0;
            for (long s = 4; s <= Math.Min(32, maxTokens); s += 4) count++;
            for (long s = 48; s <= Math.Min(256, maxTokens); s += 16) count++;
            for (long s = 288; s <= Math.Min(512, maxTokens); s += 32) count++;
            for (long s = 640; s <= Math.Min(4096, maxTokens); s += 128) count++;
            // Counted, not enumerated: a hostile chunked_prefill_size must not turn this into a long loop.
            if (maxTokens >= 4352) count += (int)Math.Min(int.MaxValue / 2, (maxTokens - 4352) / 256 + 1);
            return count;
        }

        private static void ResolveSlo(DeploymentManifest m, DeploymentPlan plan)
        {
            plan.InputTokens = m.Slo.InputTokens?.Value ?? 0;
            plan.OutputTokens = m.Slo.OutputTokens?.Value ?? 0;
            plan.TtftMs = m.Slo.TtftMs?.Value;
            plan.TpotMs = m.Slo.TpotMs?.Value;
            if (m.Slo.MaxCommShare != null) plan.MaxCommShare = m.Slo.MaxCommShare.Value;
        }
    }
}
