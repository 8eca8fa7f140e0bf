using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace DeployLint.Cli
{
    /// <summary>Finds manifests under the paths given on the command line and reads them as strict UTF-8.</summary>
    internal static class ManifestFiles
    {
        private static readonly string[] SkippedDirectories = { ".git", "bin", "obj", "node_modules", ".vs", ".idea" };

        public static bool IsManifestName(string path) =>
            path.EndsWith(".deploy.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".deploy.yml", StringComparison.OrdinalIgnoreCase);

        private static bool IsYaml(string path) =>
            path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

        /// <summary>Other YAML files are found by content: a Kubernetes, Helm or compose file that launches an engine, or a manifest under another name.</summary>
        private static bool LooksRelevant(string path)
        {
            try
            {
                var prefix = DeployLint.IO.BoundedFile.ReadPrefix(path, 1 << 20);
                return DeployLint.Manifests.Readers.DeploymentReaders.LooksRelevant(Encoding.UTF8.GetString(prefix));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>Expands folders to the manifests they contain (sorted, so output order is stable); files are taken as given.</summary>
        public static List<string> Expand(IEnumerable<string> paths, List<string> errors)
        {
            var result = new List<string>();
            foreach (var path in paths)
            {
                if (File.Exists(path))
                {
                    result.Add(path);
                }
                else if (Directory.Exists(path))
                {
                    result.AddRange(Walk(path).OrderBy(p => p, StringComparer.Ordinal));
                }
                else
                {
                    errors.Add($"no such file or directory: {path}");
                }
            }
            return result;
        }

        private static IEnumerable<string> Walk(string directory)
        {
            IEnumerable<string> files;
            IEnumerable<string> directories;
            try
            {
                files = Directory.EnumerateFiles(directory).ToList();
                directories = Directory.EnumerateDirectories(directory).ToList();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                yield break;
            }
            foreach (var f in files)
            {
                if (IsManifestName(f) || IsYaml(f) && LooksRelevant(f)) yield return f;
            }
            foreach (var d in directories)
            {
                string name = Path.GetFileName(d);
                if (SkippedDirectories.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                if (new DirectoryInfo(d).LinkTarget != null) continue;
                foreach (var f in Walk(d)) yield return f;
            }
        }

        /// <summary>Reads at most <paramref name="maxBytes"/> + 1 bytes of a manifest; null with a reason when unreadable (exit code 2).</summary>
        public static byte[]? Read(string path, long maxBytes, out string problem)
        {
            problem = "";
            try
            {
                return DeployLint.IO.BoundedFile.ReadPrefix(path, maxBytes + 1);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problem = ex.Message;
                return null;
            }
        }

        /// <summary>The path as printed: relative to the current directory when inside it, with forward slashes.</summary>
        public static string DisplayPath(string path)
        {
            string full = Path.GetFullPath(path);
            string cwd = Directory.GetCurrentDirectory();
            string relative = Path.GetRelativePath(cwd, full);
            return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
        }
    }
}
