using System;
using System.IO;
using System.Text;
using DeployLint.Plans;

namespace DeployLint.IO
{
    /// <summary>
    /// Reads files a manifest references, relative to the manifest, never outside the repository root: absolute paths,
    /// '..' escapes and symbolic links that leave the root are refused.
    /// </summary>
    internal sealed class DiskFileResolver : IFileResolver
    {
        public const long MaxReferencedFileBytes = 4L * 1024 * 1024;
        private readonly string? _root;

        public DiskFileResolver(string? root) { _root = root == null ? null : Path.GetFullPath(root); }

        public bool TryRead(string manifestPath, string relativePath, out string text, out string resolvedPath, out string problem)
        {
            text = "";
            resolvedPath = relativePath;
            problem = "";
            if (Path.IsPathRooted(relativePath) || relativePath.StartsWith("~", StringComparison.Ordinal))
            {
                problem = "absolute paths are not allowed; give the path relative to the manifest";
                return false;
            }
            string manifestDir = Path.GetDirectoryName(Path.GetFullPath(manifestPath)) ?? ".";
            string root = _root ?? RepositoryRoot.Find(manifestDir);
            string full = Path.GetFullPath(Path.Combine(manifestDir, relativePath));
            if (!IsUnder(full, root))
            {
                problem = $"the path leaves the repository root ({root})";
                return false;
            }
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                problem = Directory.Exists(full) ? "it is a directory, not a file" : "no such file";
                return false;
            }
            var real = ResolveLinks(info);
            if (real != null && !IsUnder(real, root))
            {
                problem = "it is a symbolic link that leaves the repository root";
                return false;
            }
            if (info.Length > MaxReferencedFileBytes)
            {
                problem = $"it is {Units.Count(info.Length)} bytes, above the {Units.Count(MaxReferencedFileBytes)}-byte limit";
                return false;
            }
            try
            {
                text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(full));
            }
            catch (DecoderFallbackException)
            {
                problem = "it is not valid UTF-8";
                return false;
            }
            catch (IOException ex)
            {
                problem = ex.Message;
                return false;
            }
            catch (UnauthorizedAccessException ex)
            {
                problem = ex.Message;
                return false;
            }
            resolvedPath = RelativePath(root, full);
            return true;
        }

        private static string? ResolveLinks(FileInfo info)
        {
#if NET6_0_OR_GREATER
            try
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target != null) return target.FullName;
                // A link in a parent directory also moves the file: compare the canonical directory.
                string? dir = info.DirectoryName;
                if (dir == null) return null;
                var dirTarget = new DirectoryInfo(dir).ResolveLinkTarget(true);
                return dirTarget == null ? null : Path.Combine(dirTarget.FullName, info.Name);
            }
            catch (IOException)
            {
                return info.FullName;
            }
#else
            // Without link resolution APIs, refuse any reparse point rather than follow it.
            return (info.Attributes & FileAttributes.ReparsePoint) != 0 ? "/" : null;
#endif
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
