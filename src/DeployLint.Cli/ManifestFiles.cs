using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DeployLint.IO;

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

        /// <summary>
        /// Other YAML files are found by content: a Kubernetes, Helm or compose file that launches an engine, or a manifest
        /// under another name. Only files the gate admits are opened (a FIFO would block, a link may lead out of the root).
        /// </summary>
        private static bool LooksRelevant(string path, string root)
        {
            var prefix = FileGate.Read(path, root, 1 << 20, out _);
            return prefix != null && DeployLint.Manifests.Readers.DeploymentReaders.LooksRelevant(Encoding.UTF8.GetString(prefix));
        }

        /// <summary>Expands folders to the manifests they contain (sorted, so output order is stable); files are taken as given.</summary>
        public static List<string> Expand(IEnumerable<string> paths, List<string> errors, string? explicitRoot = null) =>
            Expand(paths, errors, explicitRoot, new WalkCount());

        /// <summary>As <see cref="Expand(IEnumerable{string}, List{string}, string?)"/>, counting the YAML files a folder walk passed over.</summary>
        public static List<string> Expand(IEnumerable<string> paths, List<string> errors, string? explicitRoot, WalkCount count)
        {
            var result = new List<string>();
            foreach (var path in paths)
            {
                if (path.IndexOf('\0') >= 0)
                {
                    errors.Add("a path holds a NUL character");
                }
                else if (File.Exists(path))
                {
                    result.Add(path);
                }
                else if (Directory.Exists(path))
                {
                    string root = explicitRoot != null ? Path.GetFullPath(explicitRoot) : RepositoryRoot.Find(Path.GetFullPath(path));
                    result.AddRange(Walk(path, root, count).OrderBy(p => p, StringComparer.Ordinal));
                }
                else
                {
                    errors.Add($"no such file or directory: {path}");
                }
            }
            return result;
        }

        /// <summary>
        /// Manifest-named files are all returned (reading them goes through the gate, which reports a refused one);
        /// other YAML files only when the gate admits them and their content looks relevant. Linked folders are not entered.
        /// </summary>
        private static IEnumerable<string> Walk(string directory, string root, WalkCount count)
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
                if (IsManifestName(f) || IsYaml(f) && LooksRelevant(f, root)) yield return f;
                else if (IsYaml(f)) count.SkippedYaml++;
            }
            foreach (var d in directories)
            {
                string name = Path.GetFileName(d);
                if (SkippedDirectories.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                if (new DirectoryInfo(d).LinkTarget != null) continue;
                foreach (var f in Walk(d, root, count)) yield return f;
            }
        }

        /// <summary>
        /// Reads at most <paramref name="maxBytes"/> + 1 bytes of a manifest through the gate (inside its repository root,
        /// a regular file); null with a reason when refused or unreadable (exit code 2).
        /// </summary>
        public static byte[]? Read(string path, string? explicitRoot, long maxBytes, out string problem) =>
            FileGate.Read(path, FileGate.RootFor(path, explicitRoot), maxBytes + 1, out problem);

        /// <summary>The path as printed: relative to the current directory when inside it, with forward slashes.</summary>
        public static string DisplayPath(string path)
        {
            string full = Path.GetFullPath(path);
            string cwd = Directory.GetCurrentDirectory();
            string relative = Path.GetRelativePath(cwd, full);
            return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
        }
    }

    /// <summary>What a folder walk passed over: YAML files that hold nothing DeployLint reads.</summary>
    internal sealed class WalkCount
    {
        public int SkippedYaml { get; set; }
    }
}
