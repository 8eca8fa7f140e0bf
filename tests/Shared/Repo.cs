using System;
using System.IO;

namespace DeployLint.Testing
{
    /// <summary>The repository root (the folder holding DeployLint.sln), found from the test binaries; linked into every test project.</summary>
    internal static class Repo
    {
        public static readonly string Root = Find();

        public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        private static string Find()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DeployLint.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("repository root not found");
        }
    }
}
