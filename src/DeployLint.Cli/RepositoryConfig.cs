using System.Collections.Generic;
using System.IO;
using DeployLint.IO;
using DeployLint.Manifests;

namespace DeployLint.Cli
{
    /// <summary>
    /// deploylint.yaml at the repository root: <c>catalogs: [path, ...]</c> (relative to the root, inside it) merge like
    /// --catalog; <c>defaults:</c> and <c>nodePools:</c> (<see cref="RepositorySettings"/>) name the fleet for files that do
    /// not. Unknown keys and paths that leave the root are reported on stderr and ignored.
    /// </summary>
    internal static class RepositoryConfig
    {
        /// <summary>deploylint.yaml at <paramref name="root"/>: its catalogs (full paths, admitted by the gate) and its defaults; problems go to stderr.</summary>
        public static (List<string> Catalogs, RepositoryDefaults? Defaults) Read(string root, TextWriter stderr)
        {
            var result = new List<string>();
            var settings = RepositorySettingsFile.Read(root, out string problem);
            if (settings == null)
            {
                if (problem.Length > 0) stderr.WriteLine($"deploylint.yaml(1,1): warning: not read: {problem}; ignored");
                return (result, null);
            }
            foreach (var (at, message) in settings.Problems) stderr.WriteLine($"deploylint.yaml({at.StartLine},{at.StartColumn}): warning: {TextReport.Sanitize(message)}");
            string fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
            foreach (var item in settings.Catalogs)
            {
                string shown = TextReport.Sanitize(item.Value.Length > 200 ? item.Value.Substring(0, 200) + "..." : item.Value);
                if (item.Value.IndexOf('\0') >= 0 || Path.IsPathRooted(item.Value) || !Path.GetFullPath(Path.Combine(root, item.Value)).StartsWith(fullRoot, System.StringComparison.Ordinal))
                {
                    stderr.WriteLine($"deploylint.yaml({item.Span.StartLine},{item.Span.StartColumn}): warning: catalog '{shown}' is not a file inside the repository; ignored");
                    continue;
                }
                string full = Path.GetFullPath(Path.Combine(root, item.Value));
                if (!FileGate.Admit(full, root, out _, out string refused))
                {
                    stderr.WriteLine($"deploylint.yaml({item.Span.StartLine},{item.Span.StartColumn}): warning: catalog '{shown}' is not read: {refused}; ignored");
                    continue;
                }
                result.Add(full);
            }
            return (result, settings.Defaults.IsEmpty ? null : settings.Defaults);
        }

        /// <summary>--gpu and --inter-node over the repository's defaults, for one run.</summary>
        public static RepositoryDefaults? WithCommandLine(RepositoryDefaults? repository, string? gpu, string? interNode)
        {
            if (gpu == null && interNode == null) return repository;
            var result = new RepositoryDefaults { Origin = gpu != null ? "--gpu" : "--inter-node", Gpu = gpu ?? repository?.Gpu, InterNode = interNode ?? repository?.InterNode };
            if (repository != null)
            {
                result.NodePools.AddRange(repository.NodePools);
                foreach (var price in repository.Prices) result.Prices[price.Key] = price.Value;
            }
            return result;
        }
    }
}
