using System;
using System.IO;

namespace DeployLint.IO
{
    internal static class BoundedFile
    {
        /// <summary>Reads at most <paramref name="max"/> bytes, so a huge file costs a bounded read (Core reports it as too large).</summary>
        public static byte[] ReadPrefix(string path, long max)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = Math.Min(stream.Length, max);
            var buffer = new byte[length];
            int read = 0;
            while (read < length)
            {
                int n = stream.Read(buffer, read, (int)(length - read));
                if (n == 0) break;
                read += n;
            }
            if (read < length) Array.Resize(ref buffer, read);
            return buffer;
        }
    }
}
