using System;
using System.IO;

namespace DeployLint.Cli.Tests
{
    internal static class CliRunner
    {
        public static (int Exit, string Out, string Err) Run(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exit = Program.Run(args, stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }

        /// <summary>Runs with the current directory set to <paramref name="directory"/> (paths print relative to it).</summary>
        public static (int Exit, string Out, string Err) RunIn(string directory, params string[] args)
        {
            lock (typeof(CliRunner))
            {
                string previous = Directory.GetCurrentDirectory();
                Directory.SetCurrentDirectory(directory);
                try
                {
                    return Run(args);
                }
                finally
                {
                    Directory.SetCurrentDirectory(previous);
                }
            }
        }
    }


    /// <summary>A throw-away directory with a .git marker so it is its own repository root.</summary>
    internal sealed class TempRepo : IDisposable
    {
        public TempRepo()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deploylint-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(System.IO.Path.Combine(Path, ".git"));
        }

        public string Path { get; }

        public string Write(string relative, string text)
        {
            string full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return full;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
