namespace DeployLint.Plans
{
    /// <summary>
    /// Reads files a manifest references (model.config). The CLI and the MSBuild task read the disk, confined to
    /// the repository; the analyzer answers from its AdditionalFiles. Core never touches the file system itself.
    /// </summary>
    public interface IFileResolver
    {
        /// <summary>Reads <paramref name="relativePath"/> relative to the manifest; returns false with a reason when it cannot.</summary>
        bool TryRead(string manifestPath, string relativePath, out string text, out string resolvedPath, out string problem);
    }
}
