using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// Decides what a YAML document is and reads the deployments of other tools' files. Native DeployLint manifests
    /// (apiVersion deploylint/..., kind InferenceDeployment) are left to <see cref="ManifestBinder"/>.
    /// </summary>
    public static class DeploymentReaders
    {
        /// <summary>True for documents the native binder should read (and report on).</summary>
        public static bool IsNative(YNode? root)
        {
            if (!(root is YMapping map)) return true;
            string? api = YamlAccess.Str(map, "apiVersion");
            string? kind = YamlAccess.Str(map, "kind");
            if (api != null && api.StartsWith("deploylint", StringComparison.OrdinalIgnoreCase)) return true;
            if (kind == ManifestBinder.KindInferenceDeployment) return true;
            if (api == null && kind == PlanSketchReader.Kind) return false;
            if (api != null && kind != null) return false;
            if (HelmValuesReader.Recognizes(map) || ComposeReader.Recognizes(map) || SkyPilotReader.Recognizes(map)) return false;
            if (kind == null || api != null) return true;
            // A kind other than ours without an apiVersion is a Kubernetes object whose template dropped its apiVersion
            // (an InferencePool beside the vLLM Deployment it routes to), unless it carries a manifest's sections.
            foreach (var section in NativeSections)
            {
                if (map.Get(section) != null) return true;
            }
            return false;
        }

        private static readonly string[] NativeSections = { "model", "hardware", "parallelism", "serving", "slo" };

        /// <summary>A short description of a foreign document ("LeaderWorkerSet (leaderworkerset.x-k8s.io/v1)", "Helm values"), for notes.</summary>
        public static string Describe(YMapping map)
        {
            string? api = YamlAccess.Str(map, "apiVersion");
            string? kind = YamlAccess.Str(map, "kind");
            if (api != null && kind != null) return $"{ManifestBinder.Shorten(kind)} ({ManifestBinder.Shorten(api)})";
            if (kind != null) return ManifestBinder.Shorten(kind);
            return HelmValuesReader.Recognizes(map) ? "Helm values file" : ComposeReader.Recognizes(map) ? "compose file" : SkyPilotReader.Recognizes(map) ? "SkyPilot task" : "document";
        }

        /// <summary>Reads the deployments of a foreign document (none when it runs no engine DeployLint knows).</summary>
        public static List<ForeignDeployment> Read(ReadContext ctx)
        {
            if (!(ctx.Document.Root is YMapping map)) return ctx.Deployments;
            string? api = YamlAccess.Str(map, "apiVersion");
            string? kind = YamlAccess.Str(map, "kind");
            if (api == null && kind == PlanSketchReader.Kind) PlanSketchReader.Read(map, ctx);
            else if (api != null && kind != null) KubernetesReader.Read(map, kind, ctx);
            else if (HelmValuesReader.Recognizes(map)) HelmValuesReader.Read(map, ctx);
            else if (ComposeReader.Recognizes(map)) ComposeReader.Read(map, ctx);
            else if (SkyPilotReader.Recognizes(map)) SkyPilotReader.Read(map, ctx);
            return ctx.Deployments;
        }

        /// <summary>
        /// Whether a file's text looks like something DeployLint reads, for folder scans that find files by content:
        /// a native manifest, a workload that launches vLLM / SGLang / TensorRT-LLM, or a chart's values for one.
        /// </summary>
        public static bool LooksRelevant(string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            if (LooksLikeDeployment(text)) return true;
            // A file that names an engine or a GPU resource but does not parse is reported (as 'check FILE' would), not skipped.
            return MentionsServing(text) && YamlTreeReader.Read(text).Problems.Count > 0;
        }

        private static bool MentionsServing(string text)
        {
            if (text.IndexOf("nvidia.com/gpu", StringComparison.Ordinal) >= 0 || text.IndexOf("amd.com/gpu", StringComparison.Ordinal) >= 0) return true;
            foreach (var marker in EngineMarkers)
            {
                if (text.IndexOf(marker, StringComparison.Ordinal) >= 0) return true;
            }
            return false;
        }

        private static bool LooksLikeDeployment(string text)
        {
            if (text.IndexOf("deploylint/", StringComparison.Ordinal) >= 0 && text.IndexOf("InferenceDeployment", StringComparison.Ordinal) >= 0) return true;
            if (RootKey(text, "kind") && text.IndexOf("kind: DeploymentPlan", StringComparison.Ordinal) >= 0) return true;
            // A shape a reader recognises, at the top level: a Kubernetes object, compose services, or chart values.
            bool structure = RootKey(text, "apiVersion") && RootKey(text, "kind") || RootKey(text, "services")
                || RootKey(text, "servingEngineSpec") || RootKey(text, "decode") || RootKey(text, "prefill") || RootKey(text, "run") && RootKey(text, "resources");
            if (!structure) return false;
            foreach (var marker in EngineMarkers)
            {
                if (text.IndexOf(marker, StringComparison.Ordinal) >= 0) return true;
            }
            return false;
        }

        /// <summary>True when a line starts with "key:" (a top-level key of some document; a GitHub workflow's nested services: is not).</summary>
        private static bool RootKey(string text, string key)
        {
            string needle = key + ":";
            int at = 0;
            while ((at = text.IndexOf(needle, at, StringComparison.Ordinal)) >= 0)
            {
                if (at == 0 || text[at - 1] == '\n') return true;
                at += needle.Length;
            }
            return false;
        }

        private static readonly string[] EngineMarkers =
        {
            "vllm", "sglang", "trtllm", "DynamoGraphDeployment", "LLMInferenceService", "huggingface", "kubeai.org/",
        };
    }
}
