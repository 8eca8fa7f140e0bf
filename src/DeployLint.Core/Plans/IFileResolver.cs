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

    /// <summary>
    /// The repository's model store: <c>.deploylint/models/ORG/NAME/config.json</c> at the repository root, committed like
    /// a lock file (written by <c>deploylint models pull</c>), so a model outside the built-in catalog is checked offline.
    /// </summary>
    public interface IModelStore
    {
        /// <summary>The stored config.json of a Hugging Face model id; false when the store has none.</summary>
        bool TryReadModelConfig(string manifestPath, string modelId, out string text, out string resolvedPath);

        /// <summary>Another stored file of the model (model.safetensors.index.json); false when the store has none.</summary>
        bool TryReadModelFile(string manifestPath, string modelId, string fileName, out string text);
    }

    public static class ModelStore
    {
        /// <summary>metadata.total_size of a safetensors index: the bytes of every tensor the checkpoint stores; null when absent.</summary>
        public static long? CheckpointBytes(string indexJson)
        {
            var read = Yaml.YamlTreeReader.Read(indexJson);
            if (read.Problems.Count > 0 || read.Documents.Count != 1 || !(read.Documents[0].Root is Yaml.YMapping root)) return null;
            if (!((root.Get("metadata") as Yaml.YMapping)?.Get("total_size") is Yaml.YScalar size)) return null;
            return long.TryParse(size.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long bytes) && bytes > 0 ? bytes : (long?)null;
        }

        public const string Folder = ".deploylint/models";

        public const string SafetensorsIndex = "model.safetensors.index.json";

        /// <summary>The store path of a model id's config.json (ORG/NAME), or null for an id that is not a plain Hugging Face repository name.</summary>
        public static string? PathOf(string modelId) => PathOf(modelId, "config.json");

        /// <summary>The store path of one file of a model, or null (see <see cref="PathOf(string)"/>).</summary>
        public static string? PathOf(string modelId, string fileName)
        {
            var parts = modelId.Split('/');
            if (parts.Length != 2) return null;
            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Length > 96 || part == "." || part == "..") return null;
                foreach (char c in part)
                {
                    if (!(char.IsLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.') return null;
                }
            }
            return Folder + "/" + parts[0] + "/" + parts[1] + "/" + fileName;
        }
    }
}
