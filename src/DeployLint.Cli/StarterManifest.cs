using System.Globalization;
using System.Linq;
using DeployLint.Catalog;
using DeployLint.Planning;

namespace DeployLint.Cli
{
    /// <summary>`deploylint init`: a commented manifest whose TP is the smallest that fits the model on one node of the GPU.</summary>
    internal static class StarterManifest
    {
        public static string For(ModelEntry model, GpuSpec gpu, HardwareCatalog catalog)
        {
            int tp = 1;
            int perNode = gpu.IntraNodeLink.StartsWith("nvlink", System.StringComparison.Ordinal) || gpu.IntraNodeLink == "xgmi" || gpu.IntraNodeLink == "hccs" ? 8 : 4;
            string yaml(int t) => Build(model, gpu, t, comment: false);
            for (int t = 1; t <= perNode; t *= 2)
            {
                tp = t;
                var result = Linter.Lint(yaml(t), "init.deploy.yaml", new LintOptions { Catalog = catalog });
                if (result.Deployments.Count == 1 && !result.HasErrors) break;
            }
            return Build(model, gpu, tp, comment: true);
        }

        private static string Build(ModelEntry model, GpuSpec gpu, int tp, bool comment)
        {
            string name = model.Id.Substring(model.Id.LastIndexOf('/') + 1).ToLowerInvariant().Replace('.', '-');
            var sb = new System.Text.StringBuilder();
            if (comment)
            {
                sb.AppendLine("# yaml-language-server: $schema=" + ProjectLinks.Schema);
                sb.AppendLine($"# Starter plan written by `deploylint init`: {model.Id} on {gpu.Id}. TP {tp} is the smallest that fits one node;");
                sb.AppendLine("# run `deploylint estimate` on this file for the per-GPU picture and `deploylint suggest` for alternatives.");
            }
            sb.AppendLine("apiVersion: deploylint/v1");
            sb.AppendLine("kind: InferenceDeployment");
            sb.AppendLine($"name: {name}");
            sb.AppendLine("model:");
            sb.AppendLine($"  id: {model.Id}");
            sb.AppendLine("hardware:");
            sb.AppendLine($"  gpu: {gpu.Id}" + (comment ? $"{Pad(gpu.Id)}# {gpu.Name}, {Units.GiB(gpu.MemoryBytes)} as CUDA reports it" : ""));
            sb.AppendLine("  nodes: 1");
            sb.AppendLine($"  gpusPerNode: {tp.ToString(CultureInfo.InvariantCulture)}");
            sb.AppendLine($"parallelism: {{ tensor: {tp.ToString(CultureInfo.InvariantCulture)} }}");
            sb.AppendLine("serving:");
            sb.AppendLine("  engine: vllm" + (comment ? "                   # vllm | sglang | trtllm | generic" : ""));
            sb.AppendLine("  gpuMemoryUtilization: 0.90");
            sb.AppendLine("  maxModelLen: 8192" + (comment ? "              # the engine default is the model's full context" : ""));
            sb.AppendLine("  maxConcurrentSequences: 16");
            sb.AppendLine("slo: { inputTokens: 2048, outputTokens: 512, ttftMs: 2000, tpotMs: 50 }");
            return sb.ToString();
        }

        private static string Pad(string value) => new string(' ', System.Math.Max(1, 22 - value.Length));
    }
}
