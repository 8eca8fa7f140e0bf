using System.IO;
using DeployLint.Manifests;

namespace DeployLint.IO
{
    /// <summary>deploylint.yaml at a repository root, read through the file gate; shared by the CLI and the MSBuild task.</summary>
    internal static class RepositorySettingsFile
    {
        public const string Name = "deploylint.yaml";
        private const long MaxBytes = 1024 * 1024;

        /// <summary>The parsed settings; null when the root has no deploylint.yaml, or with <paramref name="problem"/> set when it cannot be read.</summary>
        public static RepositorySettings? Read(string root, out string problem)
        {
            problem = "";
            string path = Path.Combine(root, Name);
            if (!File.Exists(path)) return null;
            string? text = FileGate.ReadText(path, root, MaxBytes, out problem);
            return text == null ? null : RepositorySettings.Parse(text);
        }
    }
}
