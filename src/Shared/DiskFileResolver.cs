using System;
using System.IO;
using System.Text;
using DeployLint.Plans;

namespace DeployLint.IO
{
    /// <summary>
    /// Reads files a manifest references, relative to the manifest, never outside the repository root: absolute paths,
    /// '..' escapes and symbolic links anywhere on the path that leave the root are refused (<see cref="FileGate"/>).
    /// </summary>
    internal sealed class DiskFileResolver : IFileResolver, IModelStore
    {
        public const long MaxReferencedFileBytes = 4L * 1024 * 1024;
        private readonly string? _root;
        private readonly string? _baseDirectory;

        /// <param name="root">The folder reads must stay in; null: the repository root above each manifest.</param>
        /// <param name="baseDirectory">What relative manifest paths are relative to (the project directory in a build); null: the current directory.</param>
        private readonly string? _huggingFaceCache;

        /// <param name="huggingFaceCache">The local Hugging Face hub cache, consulted after the repository's model store; null: not read (builds stay hermetic).</param>
        public DiskFileResolver(string? root, string? baseDirectory = null, string? huggingFaceCache = null)
        {
            _root = root == null ? null : Path.GetFullPath(root);
            _baseDirectory = baseDirectory == null ? null : Path.GetFullPath(baseDirectory);
            _huggingFaceCache = huggingFaceCache;
        }

        /// <summary>HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub, as huggingface_hub resolves it; null when none exists.</summary>
        public static string? HuggingFaceCacheFromEnvironment()
        {
            string? hub = Environment.GetEnvironmentVariable("HF_HUB_CACHE");
            if (string.IsNullOrEmpty(hub))
            {
                string? home = Environment.GetEnvironmentVariable("HF_HOME");
                if (string.IsNullOrEmpty(home))
                {
                    string user = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                    if (string.IsNullOrEmpty(user)) return null;
                    home = Path.Combine(user, ".cache", "huggingface");
                }
                hub = Path.Combine(home!, "hub");
            }
            return Directory.Exists(hub) ? Path.GetFullPath(hub) : null;
        }

        public bool TryRead(string manifestPath, string relativePath, out string text, out string resolvedPath, out string problem)
        {
            text = "";
            resolvedPath = relativePath;
            problem = "";
            if (relativePath.IndexOf('\0') >= 0)
            {
                problem = "the path holds a NUL character";
                return false;
            }
            if (Path.IsPathRooted(relativePath) || relativePath.StartsWith("~", StringComparison.Ordinal))
            {
                problem = "absolute paths are not allowed; give the path relative to the manifest";
                return false;
            }
            string root = RootOf(manifestPath, out string manifestDir);
            string full = Path.GetFullPath(Path.Combine(manifestDir, relativePath));
            if (!IsUnder(full, root))
            {
                problem = $"the path leaves the repository root ({root})";
                return false;
            }
            var bytes = FileGate.Read(full, root, MaxReferencedFileBytes + 1, out problem);
            if (bytes == null) return false;
            if (bytes.Length > MaxReferencedFileBytes)
            {
                problem = $"it is larger than the {Units.Count(MaxReferencedFileBytes)}-byte limit";
                return false;
            }
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                problem = "it is not valid UTF-8";
                return false;
            }
            resolvedPath = RelativePath(root, full);
            return true;
        }

        public bool TryReadModelConfig(string manifestPath, string modelId, out string text, out string resolvedPath)
        {
            resolvedPath = ModelStore.PathOf(modelId) ?? "";
            return TryReadStore(manifestPath, modelId, "config.json", out text) || TryReadFromHuggingFaceCache(modelId, "config.json", out text, out resolvedPath);
        }

        public bool TryReadModelFile(string manifestPath, string modelId, string fileName, out string text) =>
            TryReadStore(manifestPath, modelId, fileName, out text) || TryReadFromHuggingFaceCache(modelId, fileName, out text, out _);

        /// <summary>
        /// models--ORG--NAME/snapshots/COMMIT/FILE of the local Hugging Face cache, for the commit refs/main names. Read through
        /// the gate with the cache as its root (snapshot files are links into blobs/ of the same cache).
        /// </summary>
        private bool TryReadFromHuggingFaceCache(string modelId, string fileName, out string text, out string resolvedPath)
        {
            text = "";
            resolvedPath = "";
            if (_huggingFaceCache == null || ModelStore.PathOf(modelId) == null) return false;
            string folder = "models--" + modelId.Replace("/", "--");
            string repository = Path.Combine(_huggingFaceCache, folder);
            string? commit = FileGate.ReadText(Path.Combine(repository, "refs", "main"), _huggingFaceCache, 256, out _)?.Trim();
            if (string.IsNullOrEmpty(commit) || commit!.Length > 64 || commit.IndexOfAny(new[] { '/', '\\', '.' }) >= 0) return false;
            string? read = FileGate.ReadText(Path.Combine(repository, "snapshots", commit, fileName), _huggingFaceCache, MaxReferencedFileBytes, out _);
            if (read == null) return false;
            text = read;
            resolvedPath = $"{folder}/snapshots/{commit.Substring(0, Math.Min(12, commit.Length))}/{fileName}";
            return true;
        }

        /// <summary>The manifest's folder (relative paths are the project's in a build) and the root reads must stay in.</summary>
        private string RootOf(string manifestPath, out string manifestDir)
        {
            manifestDir = Path.GetDirectoryName(Path.GetFullPath(_baseDirectory == null ? manifestPath : Path.Combine(_baseDirectory, manifestPath))) ?? ".";
            return _root ?? RepositoryRoot.Find(manifestDir);
        }

        private bool TryReadStore(string manifestPath, string modelId, string fileName, out string text)
        {
            text = "";
            string? stored = ModelStore.PathOf(modelId, fileName);
            if (stored == null) return false;
            string root = RootOf(manifestPath, out _);
            string full = Path.Combine(root, stored.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(full)) return false;
            string? read = FileGate.ReadText(full, root, MaxReferencedFileBytes, out _);
            if (read == null) return false;
            text = read;
            return true;
        }

        internal static string RelativePath(string root, string full)
        {
            string r = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
            string relative = full.StartsWith(r, StringComparison.Ordinal) ? full.Substring(r.Length) : full;
            return relative.Replace('\\', '/');
        }

        private static bool IsUnder(string path, string root)
        {
            string r = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
            return path.StartsWith(r, StringComparison.Ordinal) || path == root;
        }
    }

    internal static class RepositoryRoot
    {
        /// <summary>The nearest ancestor holding deploylint.yaml or .git; the start directory when there is none.</summary>
        public static string Find(string startDirectory)
        {
            var dir = new DirectoryInfo(Path.GetFullPath(startDirectory));
            for (var d = dir; d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "deploylint.yaml")) || Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git")))
                {
                    return d.FullName;
                }
            }
            return dir.FullName;
        }
    }
}
