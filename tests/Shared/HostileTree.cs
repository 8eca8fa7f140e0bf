using System;
using System.Diagnostics;
using System.IO;

namespace DeployLint.Testing
{
    /// <summary>
    /// A repository on disk laid out as an attacker would lay out a pull request: symbolic links out of the repository at
    /// every depth of a path, FIFOs where a file is read, and outside files full of a secret that must never reach any
    /// output. Linked into the CLI and task tests (the analyzer reads no files). Unix only: links and FIFOs need it.
    /// </summary>
    internal sealed class HostileTree : IDisposable
    {
        /// <summary>The text of every outside file: finding it in any output is a leak.</summary>
        public const string Secret = "SECRET-d6f1c0-aws_secret_access_key";

        public const string Head = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nhardware: { gpu: H100-SXM-80GB }\n";

        public HostileTree()
        {
            Base = Path.Combine(Path.GetTempPath(), "deploylint-hostile-" + Guid.NewGuid().ToString("N"));
            Root = Path.Combine(Base, "repo");
            Outside = Path.Combine(Base, "outside");
            Directory.CreateDirectory(Path.Combine(Root, ".git"));
            Directory.CreateDirectory(Path.Combine(Root, "deploy"));
            Directory.CreateDirectory(Path.Combine(Outside, "models", "m"));
            // Not JSON, not YAML: a parser that fails on it and quotes it would print the secret.
            File.WriteAllText(Path.Combine(Outside, "models", "m", "config.json"), "{ \"" + Secret + "\": " + Secret + " }\n");
            File.WriteAllText(Path.Combine(Outside, "secret.deploy.yaml"), Head + "model: { id: " + Secret + " }\n");
            File.WriteAllText(Path.Combine(Outside, "catalog.yaml"), "gpus:\n  - id: " + Secret + "\n    " + Secret + ": [\n");
        }

        public static bool Supported => !OperatingSystem.IsWindows();

        public string Base { get; }
        public string Root { get; }
        public string Outside { get; }

        public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        public string Write(string relative, string text)
        {
            string full = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return full;
        }

        /// <summary>A symbolic link at <paramref name="relative"/> (inside the repository) to <paramref name="target"/>.</summary>
        public string Link(string relative, string target)
        {
            string full = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (Directory.Exists(target)) Directory.CreateSymbolicLink(full, target);
            else File.CreateSymbolicLink(full, target);
            return full;
        }

        /// <summary>A FIFO with no writer: opening it for reading blocks until one comes, which is never.</summary>
        public string Fifo(string relative)
        {
            string full = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var process = Process.Start(new ProcessStartInfo("mkfifo", "\"" + full + "\"") { UseShellExecute = false })!;
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException("mkfifo failed");
            return full;
        }

        /// <summary>A manifest whose model.config is the given path.</summary>
        public static string WithConfig(string configPath) => Head + "model: { config: \"" + configPath + "\" }\n";

        public void Dispose()
        {
            try { Directory.Delete(Base, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A fact that runs where symbolic links and FIFOs exist (not on Windows), and says it was skipped elsewhere.</summary>
    internal sealed class SkippableUnixFactAttribute : Xunit.FactAttribute
    {
        public SkippableUnixFactAttribute()
        {
            if (!HostileTree.Supported) Skip = "needs Unix symbolic links and FIFOs";
        }
    }
}
