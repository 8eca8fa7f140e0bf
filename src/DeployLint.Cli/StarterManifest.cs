using System.Globalization;
using System.Linq;
using DeployLint.Catalog;
using DeployLint.Planning;

namespace DeployLint.Cli
{
    /// <summary>`deploylint init`: a commented manifest with the smallest layout of the GPU that passes `check`.</summary>
    internal static class StarterManifest
    {
        /// <summary>
        /// The smallest layout that passes `check`: TP 1, 2, 4 ... on one node, then TP over the node x PP over 2, 4 and 8
        /// nodes; null when none does (the caller says so instead of writing a plan the tool itself rejects).
        /// </summary>
        public static string? For(ModelEntry model, GpuSpec gpu, HardwareCatalog catalog)
        {
            int perNode = gpu.IntraNodeLink.StartsWith("nvlink", System.StringComparison.Ordinal) || gpu.IntraNodeLink == "xgmi" || gpu.IntraNodeLink == "hccs" ? 8 : 4;
            bool Passes(Layout layout)
            {
                var result = Linter.Lint(Build(model, gpu, layout, comment: false), "init.deploy.yaml", new LintOptions { Catalog = catalog });
                return result.Deployments.Count == 1 && !result.HasErrors;
            }
            for (int tp = 1; tp <= perNode; tp *= 2)
            {
                var layout = new Layout(1, tp, 1, null);
                if (Passes(layout)) return Build(model, gpu, layout, comment: true);
            }
            string network = perNode == 8 ? "ib-ndr-400" : "roce-200g";
            for (int nodes = 2; nodes <= 8; nodes *= 2)
            {
                var layout = new Layout(nodes, perNode, nodes, network);
                if (Passes(layout)) return Build(model, gpu, layout, comment: true);
            }
            return null;
        }

        private sealed class Layout
        {
            public Layout(int nodes, int tensor, int pipeline, string? network)
            {
                Nodes = nodes;
                Tensor = tensor;
                Pipeline = pipeline;
                Network = network;
            }

            public int Nodes { get; }
            public int Tensor { get; }
            public int Pipeline { get; }
            public string? Network { get; }
        }

        private static string Build(ModelEntry model, GpuSpec gpu, Layout layout, bool comment)
        {
            string name = model.Id.Substring(model.Id.LastIndexOf('/') + 1).ToLowerInvariant().Replace('.', '-');
            string tp = layout.Tensor.ToString(CultureInfo.InvariantCulture), pp = layout.Pipeline.ToString(CultureInfo.InvariantCulture);
            var sb = new System.Text.StringBuilder();
            if (comment)
            {
                string why = layout.Nodes == 1
                    ? $"TP {tp} is the smallest layout on one node that passes `deploylint check`;"
                    : $"No single node of {gpu.Id} holds it, so TP {tp} in each node x PP {pp} over {layout.Nodes} nodes is the smallest layout that passes `deploylint check` (set hardware.interNode to your network);";
                sb.AppendLine("# yaml-language-server: $schema=" + ProjectLinks.Schema);
                sb.AppendLine($"# Starter plan written by `deploylint init`: {model.Id} on {gpu.Id}. {why}");
                sb.AppendLine("# run `deploylint estimate` on this file for the per-GPU picture and `deploylint suggest` for alternatives.");
            }
            sb.AppendLine("apiVersion: deploylint/v1");
            sb.AppendLine("kind: InferenceDeployment");
            sb.AppendLine($"name: {name}");
            sb.AppendLine("model:");
            sb.AppendLine($"  id: {model.Id}");
            sb.AppendLine("hardware:");
            sb.AppendLine($"  gpu: {gpu.Id}" + (comment ? $"{Pad(gpu.Id)}# {gpu.Name}, {Units.GiB(gpu.MemoryBytes)} as CUDA reports it" : ""));
            sb.AppendLine($"  nodes: {layout.Nodes.ToString(CultureInfo.InvariantCulture)}");
            sb.AppendLine($"  gpusPerNode: {tp}");
            if (layout.Network != null) sb.AppendLine($"  interNode: {layout.Network}");
            sb.AppendLine(layout.Pipeline > 1 ? $"parallelism: {{ tensor: {tp}, pipeline: {pp} }}" : $"parallelism: {{ tensor: {tp} }}");
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
