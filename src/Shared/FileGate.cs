using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace DeployLint.IO
{
    /// <summary>
    /// The one way DeployLint reads a file: the real path (every symbolic link on the way resolved, at any depth) must
    /// lie inside the root it is allowed to read from, the file must be a regular file (no FIFO, socket, device or
    /// directory, checked before it is opened, so nothing blocks), and at most a limit of bytes is read.
    /// </summary>
    internal static class FileGate
    {
        /// <summary>Symbolic links followed on one path before it is refused (Linux gives up at 40 as well).</summary>
        private const int MaxLinkHops = 40;

        /// <summary>Reads at most <paramref name="maxBytes"/> of a regular file inside <paramref name="root"/>; null with a reason otherwise.</summary>
        /// <param name="root">The folder the real path must stay in; null only for files the build system itself names (analyzer config).</param>
        public static byte[]? Read(string path, string? root, long maxBytes, out string problem)
        {
            if (!Admit(path, root, out string real, out problem)) return null;
            try
            {
                return BoundedFile.ReadPrefix(real, maxBytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problem = ex is UnauthorizedAccessException ? "permission denied" : "it cannot be read (" + ex.GetType().Name + ")";
                return null;
            }
        }

        /// <summary>A UTF-8 text file through <see cref="Read"/>: null with a reason when refused, larger than the limit or not UTF-8.</summary>
        public static string? ReadText(string path, string? root, long maxBytes, out string problem)
        {
            var bytes = Read(path, root, maxBytes + 1, out problem);
            if (bytes == null) return null;
            if (bytes.Length > maxBytes)
            {
                problem = $"it is larger than the {maxBytes:N0}-byte limit";
                return null;
            }
            try
            {
                string text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
                return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
            }
            catch (System.Text.DecoderFallbackException)
            {
                problem = "it is not valid UTF-8";
                return null;
            }
        }

        /// <summary>The root a file named by a user or a build may be read from: the explicit root, else its repository's.</summary>
        public static string RootFor(string path, string? explicitRoot)
        {
            if (explicitRoot != null) return Path.GetFullPath(explicitRoot);
            try
            {
                return RepositoryRoot.Find(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                return Path.GetFullPath(".");
            }
        }

        /// <summary>True when the path is a regular file whose real path lies inside <paramref name="root"/>.</summary>
        public static bool Admit(string path, string? root, out string realPath, out string problem)
        {
            realPath = "";
            problem = "";
            if (string.IsNullOrEmpty(path) || HasControlCharacter(path))
            {
                problem = "the path holds a control character";
                return false;
            }
            string full;
            try
            {
                full = Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                problem = "it is not a valid path";
                return false;
            }
            if (full.StartsWith(@"\\.\", StringComparison.Ordinal) || full.StartsWith(@"\\?\", StringComparison.Ordinal))
            {
                problem = "it is a device path";
                return false;
            }
            string? real = RealPath(full, out problem);
            if (real == null) return false;
            if (root != null)
            {
                string? realRoot = RealPath(Path.GetFullPath(root), out _) ?? Path.GetFullPath(root);
                if (!IsUnder(real, realRoot))
                {
                    problem = real == full || !IsUnder(full, realRoot) && !IsUnder(full, Path.GetFullPath(root))
                        ? "it lies outside the repository root"
                        : "a symbolic link on its path leads outside the repository root";
                    return false;
                }
            }
            switch (KindOf(real))
            {
                case EntryKind.Missing:
                    problem = "no such file";
                    return false;
                case EntryKind.Directory:
                    problem = "it is a directory, not a file";
                    return false;
                case EntryKind.Other:
                    problem = "it is not a regular file (a FIFO, socket or device)";
                    return false;
            }
            realPath = real;
            return true;
        }

        /// <summary>The path with every symbolic link resolved, component by component; null (with a reason) for a link loop.</summary>
        public static string? RealPath(string fullPath, out string problem)
        {
            problem = "";
            string root = Path.GetPathRoot(fullPath) ?? "";
            var pending = new Stack<string>();
            string[] parts = fullPath.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
            for (int i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
            string current = root;
            int hops = 0;
            while (pending.Count > 0)
            {
                string part = pending.Pop();
                if (part == ".") continue;
                if (part == "..")
                {
                    current = Path.GetDirectoryName(current) ?? current;
                    continue;
                }
                string next = Path.Combine(current, part);
                string? target = LinkTarget(next, out bool unresolvable);
                if (unresolvable)
                {
                    problem = "a link on its path cannot be resolved here";
                    return null;
                }
                if (target == null)
                {
                    current = next;
                    continue;
                }
                if (++hops > MaxLinkHops)
                {
                    problem = "its symbolic links form a loop";
                    return null;
                }
                string[] targetParts = target.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
                for (int i = targetParts.Length - 1; i >= 0; i--) pending.Push(targetParts[i]);
                if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target) ?? root;
            }
            return current;
        }

        /// <summary>The target of a symbolic link; null when the entry is not a link. Throws nothing.</summary>
        private static string? LinkTarget(string path, out bool unresolvable)
        {
            unresolvable = false;
            try
            {
#if NET6_0_OR_GREATER
                return new FileInfo(path).LinkTarget;
#else
                var info = new FileInfo(path);
                if (!info.Exists && !Directory.Exists(path)) return null;
                if ((info.Attributes & FileAttributes.ReparsePoint) == 0) return null;
                string? target = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? null : ReadLink(path);
                unresolvable = target == null;
                return target;
#endif
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private enum EntryKind { Missing, Regular, Directory, Other }

        private static EntryKind KindOf(string realPath)
        {
            if (Directory.Exists(realPath)) return EntryKind.Directory;
            if (!File.Exists(realPath)) return EntryKind.Missing;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return EntryKind.Regular;
            int? mode = UnixMode(realPath);
            if (mode == null) return EntryKind.Regular;
            return (mode.Value & FileTypeMask) == RegularFile ? EntryKind.Regular : EntryKind.Other;
        }

        private static bool HasControlCharacter(string path)
        {
            foreach (char c in path) if (c < ' ' || c == '\u007f') return true;
            return false;
        }

        private static bool IsUnder(string path, string root)
        {
            string r = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
            return path == root || path.StartsWith(r, StringComparison.Ordinal);
        }

        // The file type bits of a Unix mode, as the .NET runtime's own System.Native shim reports them (FileStatus.Mode,
        // the second 32-bit field since .NET Core 1.0). .NET exposes no public API that tells a FIFO from a file, and
        // opening a FIFO to find out blocks; lstat does not.
        private const int FileTypeMask = 0xF000;
        private const int RegularFile = 0x8000;

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
        private static extern int SystemNativeLStat(byte[] path, byte[] status);

        private static int? UnixMode(string path)
        {
            try
            {
                byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                var status = new byte[512];
                if (SystemNativeLStat(utf8, status) != 0) return null;
                return BitConverter.ToInt32(status, 4);
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is BadImageFormatException)
            {
                return null;
            }
        }

#if !NET6_0_OR_GREATER
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_ReadLink")]
        private static extern int SystemNativeReadLink(byte[] path, byte[] buffer, int bufferSize);

        private static string? ReadLink(string path)
        {
            try
            {
                var buffer = new byte[4096];
                int n = SystemNativeReadLink(System.Text.Encoding.UTF8.GetBytes(path + "\0"), buffer, buffer.Length);
                return n <= 0 || n >= buffer.Length ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, n);
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is BadImageFormatException)
            {
                return null;
            }
        }
#endif
    }
}
