using System;
using System.Linq;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// KServe LLMInferenceService (serving.kserve.io v1alpha1/v1alpha2, the llm-d based CRD): the controller runs
    /// `vllm serve` for spec.model with spec.parallelism (tensor, data, dataLocal, pipeline, expert) and appends the main
    /// container's args; spec.worker makes it multi-node (data / dataLocal nodes); spec.prefill is a deployment of its own.
    /// </summary>
    public static class LlmInferenceServiceReader
    {
        public static void Read(YMapping root, YMapping? metadata, string title, ReadContext ctx)
        {
            var spec = Y.Map(root, "spec");
            if (spec == null) return;
            ReadRole(spec, spec, metadata, $"LLMInferenceService '{title}'", Y.Scalar(metadata, "name"), ctx);
            if (Y.Map(spec, "prefill") is YMapping prefill)
            {
                var d = ReadRole(prefill, spec, metadata, $"LLMInferenceService '{title}', prefill", Y.Scalar(metadata, "name"), ctx);
                if (d != null) d.Manifest.Name = new Located<string>(title + "/prefill", root.KeyOf("spec")!.Span);
            }
        }

        private static ForeignDeployment? ReadRole(YMapping role, YMapping spec, YMapping? metadata, string origin, YScalar? name, ReadContext ctx)
        {
            var template = Y.Map(role, "template") ?? Y.Map(spec, "template");
            var containers = Y.Maps(template, "containers").ToList();
            var main = containers.FirstOrDefault(c => Y.Str(c, "name") == "main") ?? containers.FirstOrDefault();
            if (main == null) return null;
            var container = EngineContainer.Read(main, ctx, null, "vllm");
            if (container == null) return null;
            var d = ctx.Start(origin, name);
            var m = d.Manifest;
            var model = Y.Map(spec, "model");
            var uri = Y.Scalar(model, "uri");
            var served = Y.Scalar(model, "name");
            if (uri != null && uri.Value.StartsWith("hf://", StringComparison.OrdinalIgnoreCase)) m.Model.Id = new Located<string>(uri.Value.Substring(5).Trim('/'), uri.Span);
            else if (served != null && served.Value.Contains("/")) m.Model.Id = Y.Text(served);
            else if (uri != null) m.Model.Id = Y.Text(uri);

            var parallelism = Y.Map(role, "parallelism") ?? Y.Map(spec, "parallelism");
            m.Parallelism.Tensor = Y.Count(Y.Scalar(parallelism, "tensor"));
            m.Parallelism.Pipeline = Y.Count(Y.Scalar(parallelism, "pipeline"));
            m.Parallelism.Data = Y.Count(Y.Scalar(parallelism, "data"));
            if (m.Parallelism.Tensor != null) m.Parallelism.KeySpan = m.Parallelism.Tensor.Span;
            var expert = Y.Scalar(parallelism, "expert");
            if (Y.IsTrue(expert)) m.Parallelism.Expert = new Located<long>((m.Parallelism.Tensor?.Value ?? 1) * (m.Parallelism.Data?.Value ?? 1), expert!.Span);

            Located<long>? nodes = null;
            var dataLocal = Y.Count(Y.Scalar(parallelism, "dataLocal"));
            if (Y.Map(role, "worker") != null && m.Parallelism.Data != null && dataLocal != null && m.Parallelism.Data.Value % dataLocal.Value == 0)
            {
                nodes = new Located<long>(m.Parallelism.Data.Value / dataLocal.Value, dataLocal.Span);
            }

            var pod = new PodScheduling();
            pod.AddAnnotations(Y.Map(metadata, "annotations"));
            pod.AddPod(template, null);
            KubernetesReader.Fill(d, container, pod, ctx, nodes);
            return d;
        }
    }
}
