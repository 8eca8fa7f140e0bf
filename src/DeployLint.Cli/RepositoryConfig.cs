using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.IO;
using DeployLint.Yaml;

namespace DeployLint.Cli
{
    /// <summary>
    /// deploylint.yaml at the repository root: <c>catalogs: [path, ...]</c> (relative to the root, inside it) merge like
    /// --catalog. Unknown keys and paths that leave the root are reported on stderr and ignored.
    /// </summary>
    internal static class RepositoryConfig
    {
        private const long MaxBytes = 1024 * 1024;

        private static bool IsLink(string path)
        {
            try
            {
                return new FileInfo(path).LinkTarget != null;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public static IEnumerable<string> Catalogs(string root, TextWriter stderr)
        {
            string path = Path.Combine(root, "deploylint.yaml");
            if (!File.Exists(path) && !IsLink(path)) return Enumerable.Empty<string>();
            string? text = FileGate.ReadText(path, root, MaxBytes, out string problem);
            if (text == null)
            {
                stderr.WriteLine($"deploylint.yaml(1,1): warning: not read: {problem}; ignored");
                return Enumerable.Empty<string>();
            }
            var read = YamlTreeReader.Read(text);
            if (read.Problems.Count > 0 || read.Documents.Count != 1 || !(read.Documents[0].Root is YMapping map))
            {
                stderr.WriteLine("deploylint.yaml(1,1): warning: not a YAML mapping with 'catalogs:'; ignored");
                return Enumerable.Empty<string>();
            }
            foreach (var e in map.Entries.Where(e => e.Key.Value != "catalogs"))
            {
                stderr.WriteLine($"deploylint.yaml({e.Key.Span.StartLine},{e.Key.Span.StartColumn}): warning: unknown key '{e.Key.Value}'; known: catalogs");
            }
            var result = new List<string>();
            if (map.Get("catalogs") is YSequence list)
            {
                string fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
                foreach (var item in list.Items.OfType<YScalar>())
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
            }
            return result;
        }
    }
}
