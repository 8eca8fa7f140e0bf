using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using DeployLint.Plans;
using Microsoft.CodeAnalysis;

namespace DeployLint.Analyzers
{
    /// <summary>Resolves a manifest's model.config among the compilation's AdditionalFiles; the analyzer never reads the disk.</summary>
    internal sealed class AdditionalFileResolver : IFileResolver, IModelStore
    {
        private readonly Dictionary<string, AdditionalText> _byPath;

        // The model store's files by their path from .deploylint/models/ on, indexed once: a lookup per keystroke is a hash probe.
        private readonly Dictionary<string, AdditionalText> _storeFiles;
        private readonly System.Threading.CancellationToken _cancellation;

        public AdditionalFileResolver(ImmutableArray<AdditionalText> files, System.Threading.CancellationToken cancellation)
        {
            _byPath = new Dictionary<string, AdditionalText>(StringComparer.OrdinalIgnoreCase);
            _storeFiles = new Dictionary<string, AdditionalText>(StringComparer.OrdinalIgnoreCase);
            foreach (var f in files)
            {
                string path = Normalize(f.Path);
                _byPath[path] = f;
                int store = path.IndexOf(ModelStore.Folder + "/", StringComparison.OrdinalIgnoreCase);
                if (store == 0 || store > 0 && path[store - 1] == '/') _storeFiles[path.Substring(store)] = f;
            }
            _cancellation = cancellation;
        }

        /// <summary>A file looked for and not found: its entry in <see cref="Reads"/> has this checksum.</summary>
        private const string Absent = "";

        /// <summary>Prefix of a model-store entry in <see cref="Reads"/> (keyed by the store path, wherever the store sits).</summary>
        private const string StoreKey = "store:";

        /// <summary>The (path, checksum) of every file read or looked for, so a cached result is reused only while they are unchanged.</summary>
        public List<KeyValuePair<string, string>> Reads { get; } = new List<KeyValuePair<string, string>>();

        public bool TryRead(string manifestPath, string relativePath, out string text, out string resolvedPath, out string problem)
        {
            text = "";
            problem = "";
            resolvedPath = relativePath;
            if (relativePath.StartsWith("/", StringComparison.Ordinal) || relativePath.StartsWith("\\", StringComparison.Ordinal) || (relativePath.Length > 1 && relativePath[1] == ':'))
            {
                problem = "absolute paths are not allowed; give the path relative to the manifest";
                return false;
            }
            string directory = ParentOf(Normalize(manifestPath));
            string full = Combine(directory, Normalize(relativePath));
            if (full.StartsWith("../", StringComparison.Ordinal))
            {
                problem = "the path leaves the project";
                return false;
            }
            if (!_byPath.TryGetValue(full, out var file))
            {
                Reads.Add(new KeyValuePair<string, string>(full, Absent));
                problem = "it is not among the project's AdditionalFiles (the DeployLint targets add config.json files next to manifests; add it with <AdditionalFiles Include=\"...\" />)";
                return false;
            }
            var source = file.GetText(_cancellation);
            if (source == null)
            {
                problem = "it cannot be read";
                return false;
            }
            text = source.ToString();
            Reads.Add(new KeyValuePair<string, string>(full, Checksum.Of(text)));
            resolvedPath = relativePath;
            return true;
        }

        /// <summary>The store's config.json among the AdditionalFiles: the one path that ends with .deploylint/models/ORG/NAME/config.json.</summary>
        public bool TryReadModelConfig(string manifestPath, string modelId, out string text, out string resolvedPath)
        {
            resolvedPath = ModelStore.PathOf(modelId) ?? "";
            return TryReadModelFile(manifestPath, modelId, "config.json", out text);
        }

        public bool TryReadModelFile(string manifestPath, string modelId, string fileName, out string text)
        {
            text = "";
            string? stored = ModelStore.PathOf(modelId, fileName);
            if (stored == null) return false;
            if (!_storeFiles.TryGetValue(stored, out var file))
            {
                Reads.Add(new KeyValuePair<string, string>(StoreKey + stored, Absent));
                return false;
            }
            var source = file.GetText(_cancellation);
            if (source == null) return false;
            text = source.ToString();
            Reads.Add(new KeyValuePair<string, string>(StoreKey + stored, Checksum.Of(text)));
            return true;
        }

        public bool StillMatches(IReadOnlyList<KeyValuePair<string, string>> reads)
        {
            foreach (var r in reads)
            {
                bool present = r.Key.StartsWith(StoreKey, StringComparison.Ordinal)
                    ? _storeFiles.TryGetValue(r.Key.Substring(StoreKey.Length), out var file)
                    : _byPath.TryGetValue(r.Key, out file);
                if (r.Value == Absent)
                {
                    if (present) return false; // a file looked for and missing then has been added since
                    continue;
                }
                if (!present) return false;
                var source = file!.GetText(_cancellation);
                if (source == null || Checksum.Of(source.ToString()) != r.Value) return false;
            }
            return true;
        }

        internal static string Normalize(string path) => path.Replace('\\', '/');

        private static string ParentOf(string path)
        {
            int slash = path.LastIndexOf('/');
            return slash < 0 ? "" : path.Substring(0, slash);
        }

        /// <summary>Joins and folds '.' and '..' segments without touching the file system.</summary>
        private static string Combine(string directory, string relative)
        {
            var parts = new List<string>(directory.Split(new[] { '/' }, StringSplitOptions.None));
            bool rooted = directory.StartsWith("/", StringComparison.Ordinal);
            foreach (var segment in relative.Split('/'))
            {
                if (segment.Length == 0 || segment == ".") continue;
                if (segment == "..")
                {
                    if (parts.Count > (rooted ? 1 : 0)) parts.RemoveAt(parts.Count - 1);
                    else return "../" + relative;
                    continue;
                }
                parts.Add(segment);
            }
            return string.Join("/", parts);
        }
    }

    internal static class Checksum
    {
        /// <summary>FNV-1a 64 over UTF-16 code units: cheap, stable, and enough to detect an edit.</summary>
        public static string Of(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in text)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            return text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
