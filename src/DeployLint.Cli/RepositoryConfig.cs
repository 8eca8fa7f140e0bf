using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.Yaml;

namespace DeployLint.Cli
{
    /// <summary>
    /// deploylint.yaml at the repository root: <c>catalogs: [path, ...]</c> (relative to the root, inside it) merge like
    /// --catalog. Unknown keys and paths that leave the root are reported on stderr and ignored.
    /// </summary>
    internal static class RepositoryConfig
    {
        public static IEnumerable<string> Catalogs(string root, TextWriter stderr)
        {
            string path = Path.Combine(root, "deploylint.yaml");
            if (!File.Exists(path)) return Enumerable.Empty<string>();
            var read = YamlTreeReader.Read(File.ReadAllText(path));
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
                    string full = Path.GetFullPath(Path.Combine(root, item.Value));
                    if (Path.IsPathRooted(item.Value) || !full.StartsWith(fullRoot, System.StringComparison.Ordinal) || !File.Exists(full))
                    {
                        stderr.WriteLine($"deploylint.yaml({item.Span.StartLine},{item.Span.StartColumn}): warning: catalog '{item.Value}' is not a file inside the repository; ignored");
                        continue;
                    }
                    result.Add(full);
                }
            }
            return result;
        }
    }
}
