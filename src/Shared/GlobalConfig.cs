using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DeployLint.IO
{
    /// <summary>Reads dotnet_diagnostic.DPLnnnn.severity from global analyzer config files (is_global = true), as the compiler does.</summary>
    internal static class GlobalConfig
    {
        private const long MaxBytes = 1024 * 1024;

        /// <summary>.globalconfig files in the project directory and its ancestors, nearest last (the nearest wins).</summary>
        public static IEnumerable<string> Discover(string projectDirectory)
        {
            var found = new List<string>();
            for (var dir = new DirectoryInfo(projectDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, ".globalconfig");
                if (File.Exists(candidate)) found.Add(candidate);
            }
            found.Reverse();
            return found;
        }

        public static Dictionary<string, Severity> Severities(IEnumerable<string> files)
        {
            var result = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files.Distinct(StringComparer.Ordinal))
            {
                // Analyzer config files are named by the build (and found above the project as the compiler finds them), so
                // they may lie outside the repository; they still must be regular files, read up to a bound, never echoed.
                string? text = FileGate.ReadText(file, null, MaxBytes, out _);
                if (text == null) continue;
                string[] lines = text.Split('\n');
                bool isGlobal = lines.Any(l => Key(l) == "is_global" && Value(l) == "true");
                if (!isGlobal) continue;
                bool inSection = false;
                foreach (var raw in lines)
                {
                    string line = raw.Trim();
                    if (line.StartsWith("[", StringComparison.Ordinal)) { inSection = true; continue; }
                    if (inSection || line.StartsWith("#", StringComparison.Ordinal) || line.StartsWith(";", StringComparison.Ordinal)) continue;
                    string key = Key(line);
                    if (!key.StartsWith("dotnet_diagnostic.dpl", StringComparison.OrdinalIgnoreCase) || !key.EndsWith(".severity", StringComparison.OrdinalIgnoreCase)) continue;
                    string id = key.Substring("dotnet_diagnostic.".Length, key.Length - "dotnet_diagnostic.".Length - ".severity".Length).ToUpperInvariant();
                    if (SeverityNames.TryParse(Value(line), out var severity)) result[id] = severity;
                }
            }
            return result;
        }

        private static string Key(string line)
        {
            int eq = line.IndexOf('=');
            return eq < 0 ? "" : line.Substring(0, eq).Trim().ToLowerInvariant();
        }

        private static string Value(string line)
        {
            int eq = line.IndexOf('=');
            return eq < 0 ? "" : line.Substring(eq + 1).Trim().ToLowerInvariant();
        }
    }
}
