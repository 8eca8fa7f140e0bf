using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using DeployLint.IO;
using DeployLint.Plans;

namespace DeployLint.Cli.Commands
{
    /// <summary>
    /// <c>deploylint models pull ID[@REVISION]...</c>: fetches a model's config.json (and its safetensors index when it has one)
    /// from the Hugging Face Hub (HF_ENDPOINT, HF_TOKEN) into the repository's model store, recording the commit it
    /// resolved, so that check, the MSBuild task and the analyzer use it offline. The only command that reaches the network.
    /// </summary>
    internal static class ModelsCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("models", new[] { "--root" },
                "deploylint models pull ORG/NAME[@REVISION]... [--root DIR]",
                "Fetches config.json (and model.safetensors.index.json) from the Hugging Face Hub (HF_ENDPOINT, HF_TOKEN) into\n" +
                ".deploylint/models/ORG/NAME/ with the commit it resolved; check, the build and the analyzer then use it offline.",
                "--root DIR   the repository root (default: the nearest folder with deploylint.yaml or .git)",
                Run);

        private const long MaxFileBytes = DiskFileResolver.MaxReferencedFileBytes;
        private static readonly string[] OptionalFiles = { "model.safetensors.index.json" };

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            if (cl.Paths.Count < 2 || cl.Paths[0] != "pull")
            {
                stderr.WriteLine("deploylint models: usage: deploylint models pull ORG/NAME[@REVISION]... [--root DIR]");
                return Program.Usage;
            }
            string root = cl.Root ?? RepositoryRoot.Find(Directory.GetCurrentDirectory());
            string endpoint = (Environment.GetEnvironmentVariable("HF_ENDPOINT") is string e && e.Length > 0 ? e : "https://huggingface.co").TrimEnd('/');
            string? token = Environment.GetEnvironmentVariable("HF_TOKEN");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            if (!string.IsNullOrEmpty(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            int exit = Program.Clean;
            for (int i = 1; i < cl.Paths.Count; i++)
            {
                if (!Pull(http, endpoint, root, cl.Paths[i], stdout, stderr)) exit = Program.Usage;
            }
            return exit;
        }

        private static bool Pull(HttpClient http, string endpoint, string root, string spec, TextWriter stdout, TextWriter stderr)
        {
            int at = spec.IndexOf('@');
            string id = at < 0 ? spec : spec.Substring(0, at);
            string revision = at < 0 ? "main" : spec.Substring(at + 1);
            string shown = TextReport.Sanitize(spec.Length > 200 ? spec.Substring(0, 200) : spec);
            string? stored = ModelStore.PathOf(id);
            if (stored == null || revision.Length == 0 || revision.Length > 100 || revision.IndexOfAny(new[] { '/', '\\', '?', '#', '%', ' ' }) >= 0)
            {
                stderr.WriteLine($"deploylint models pull: '{shown}' is not ORG/NAME[@REVISION]");
                return false;
            }
            string folder = Path.Combine(root, Path.GetDirectoryName(stored.Replace('/', Path.DirectorySeparatorChar))!);
            if (!InsideRoot(folder, root))
            {
                stderr.WriteLine($"deploylint models pull: the model store {ModelStore.Folder} leads outside the repository root; nothing written");
                return false;
            }
            try
            {
                var info = Get(http, $"{endpoint}/api/models/{id}/revision/{Uri.EscapeDataString(revision)}", out string problem);
                if (info == null)
                {
                    stderr.WriteLine($"deploylint models pull: {shown}: {problem}");
                    return false;
                }
                string? sha = null;
                try
                {
                    using var doc = JsonDocument.Parse(info);
                    if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("sha", out var s) && s.ValueKind == JsonValueKind.String) sha = s.GetString();
                }
                catch (JsonException)
                {
                }
                if (sha == null || sha.Length == 0 || sha.Length > 64 || !IsHex(sha))
                {
                    stderr.WriteLine($"deploylint models pull: {shown}: the Hub's answer names no commit");
                    return false;
                }
                var config = Get(http, $"{endpoint}/{id}/resolve/{sha}/config.json", out problem);
                if (config == null)
                {
                    stderr.WriteLine($"deploylint models pull: {shown}: config.json: {problem}");
                    return false;
                }
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, "config.json"), config);
                var written = new List<string> { "config.json" };
                foreach (var optional in OptionalFiles)
                {
                    var bytes = Get(http, $"{endpoint}/{id}/resolve/{sha}/{optional}", out _);
                    if (bytes == null) continue;
                    File.WriteAllBytes(Path.Combine(folder, optional), bytes);
                    written.Add(optional);
                }
                File.WriteAllText(Path.Combine(folder, "revision.json"),
                    "{\n  \"model\": " + JsonSerializer.Serialize(id) + ",\n  \"revision\": " + JsonSerializer.Serialize(revision) + ",\n  \"commit\": " + JsonSerializer.Serialize(sha) + "\n}\n");
                stdout.WriteLine($"{id}@{sha.Substring(0, Math.Min(12, sha.Length))}: wrote {string.Join(", ", written)} to {ModelStore.Folder}/{id}/");
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                stderr.WriteLine($"deploylint models pull: {shown}: {(ex is TaskCanceledException ? "the Hub did not answer in 60 s" : "cannot reach the Hub (" + ex.GetType().Name + ")")}");
                return false;
            }
        }

        /// <summary>GET with a bounded body; null with a reason a user can act on when the status is not 200.</summary>
        private static byte[]? Get(HttpClient http, string url, out string problem)
        {
            problem = "";
            using var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            if (response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.Forbidden)
            {
                problem = "the repository is gated or private: accept its terms on the Hub and set HF_TOKEN to a token with access";
                return null;
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                problem = "no such model repository, revision or file on the Hub";
                return null;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problem = $"the Hub answered {(int)response.StatusCode}";
                return null;
            }
            using var stream = response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > MaxFileBytes)
                {
                    problem = $"the file is larger than {MaxFileBytes:N0} bytes";
                    return null;
                }
            }
            return buffer.ToArray();
        }

        private static bool InsideRoot(string folder, string root)
        {
            string? realRoot = FileGate.RealPath(Path.GetFullPath(root), out _);
            string? real = FileGate.RealPath(Path.GetFullPath(folder), out _);
            if (realRoot == null || real == null) return false;
            string prefix = realRoot.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? realRoot : realRoot + Path.DirectorySeparatorChar;
            return real.StartsWith(prefix, StringComparison.Ordinal);
        }

        private static bool IsHex(string text)
        {
            foreach (char c in text)
            {
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) return false;
            }
            return true;
        }
    }
}
