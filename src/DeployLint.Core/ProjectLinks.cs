using System;
using System.Linq;
using System.Reflection;

namespace DeployLint
{
    /// <summary>
    /// Where the project lives, from one place: the RepositoryUrl property in Directory.Build.props, stamped into the
    /// assembly as metadata, so rule help links, the manifest $schema and SARIF's informationUri follow a fork or a move.
    /// </summary>
    public static class ProjectLinks
    {
        private const string Fallback = "https://github.com/deploylint/deploylint";

        public static string Repository { get; } = Read("RepositoryUrl") ?? Fallback;

        /// <summary>A rule's page as rendered by the forge (a page for people).</summary>
        public static string RulePage(string id) => $"{Repository}/blob/main/rules/{id}.md";

        /// <summary>The manifest JSON schema as raw JSON (what an editor's YAML language server fetches), not an HTML page.</summary>
        public static string Schema =>
            Repository.StartsWith("https://github.com/", StringComparison.Ordinal)
                ? "https://raw.githubusercontent.com/" + Repository.Substring("https://github.com/".Length) + "/main/rules/deploylint.schema.json"
                : Repository + "/raw/main/rules/deploylint.schema.json";

        private static string? Read(string key)
        {
            string? value = typeof(ProjectLinks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
            return string.IsNullOrWhiteSpace(value) || !value!.StartsWith("https://", StringComparison.Ordinal) ? null : value.TrimEnd('/');
        }
    }
}
