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
            var spec = YamlAccess.Map(root, "spec");
            if (spec == null) return;
            ReadRole(spec, spec, metadata, $"LLMInferenceService '{title}'", YamlAccess.Scalar(metadata, "name"), ctx);
            if (YamlAccess.Map(spec, "prefill") is YMapping prefill)
            {
                var d = ReadRole(prefill, spec, metadata, $"LLMInferenceService '{title}', prefill", YamlAccess.Scalar(metadata, "name"), ctx);
                if (d != null) d.Manifest.Name = new Located<string>(title + "/prefill", root.KeyOf("spec")!.Span);
            }
        }

        private static ForeignDeployment? ReadRole(YMapping role, YMapping spec, YMapping? metadata, string origin, YScalar? name, ReadContext ctx)
        {
            var template = YamlAccess.Map(role, "template") ?? YamlAccess.Map(spec, "template");
            var containers = YamlAccess.Maps(template, "containers").ToList();
            var main = containers.FirstOrDefault(c => YamlAccess.Str(c, "name") == "main") ?? containers.FirstOrDefault();
            if (main == null) return null;
            var container = EngineContainer.Read(main, ctx, null, "vllm");
            if (container == null) return null;
            var d = ctx.Start(origin, name);
            var m = d.Manifest;
            var model = YamlAccess.Map(spec, "model");
            var uri = YamlAccess.Scalar(model, "uri");
            var served = YamlAccess.Scalar(model, "name");
            if (uri != null && uri.Value.StartsWith("hf://", StringComparison.OrdinalIgnoreCase)) m.Model.Id = new Located<string>(uri.Value.Substring(5).Trim('/'), uri.Span);
            else if (served != null && served.Value.Contains("/")) m.Model.Id = YamlAccess.Text(served);
            else if (uri != null) m.Model.Id = YamlAccess.Text(uri);

            var parallelism = YamlAccess.Map(role, "parallelism") ?? YamlAccess.Map(spec, "parallelism");
            m.Parallelism.Tensor = YamlAccess.Count(YamlAccess.Scalar(parallelism, "tensor"));
            m.Parallelism.Pipeline = YamlAccess.Count(YamlAccess.Scalar(parallelism, "pipeline"));
            m.Parallelism.Data = YamlAccess.Count(YamlAccess.Scalar(parallelism, "data"));
            if (m.Parallelism.Tensor != null) m.Parallelism.KeySpan = m.Parallelism.Tensor.Span;
            var expert = YamlAccess.Scalar(parallelism, "expert");
            if (YamlAccess.IsTrue(expert)) m.Parallelism.ExpertParallelEnabled = new Located<bool>(true, expert!.Span);

            Located<long>? nodes = null;
            var dataLocal = YamlAccess.Count(YamlAccess.Scalar(parallelism, "dataLocal"));
            if (YamlAccess.Map(role, "worker") != null && m.Parallelism.Data != null && dataLocal != null && m.Parallelism.Data.Value % dataLocal.Value == 0)
            {
                nodes = new Located<long>(m.Parallelism.Data.Value / dataLocal.Value, dataLocal.Span);
            }

            var pod = new PodScheduling();
            pod.AddAnnotations(YamlAccess.Map(metadata, "annotations"));
            pod.AddPod(template, null);
            KubernetesReader.Fill(d, container, pod, ctx, nodes);
            return d;
        }
    }
}
