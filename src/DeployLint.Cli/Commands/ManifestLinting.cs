using System.IO;
using DeployLint.IO;

namespace DeployLint.Cli.Commands
{
    /// <summary>Reads one file through the file gate and lints it with the command line's catalog, defaults and overrides.</summary>
    internal static class ManifestLinting
    {
        /// <summary>The one manifest file that estimate and suggest take, linted; null, after saying why, on a usage error.</summary>
        public static LintResult? LintOneFile(string command, CommandLine cl, TextWriter stderr, out string display)
        {
            display = "";
            if (cl.Paths.Count != 1 || !File.Exists(cl.Paths[0]))
            {
                stderr.WriteLine(cl.Paths.Count != 1 ? $"deploylint {command}: give exactly one manifest file" : $"deploylint {command}: no such file: {cl.Paths[0]}");
                return null;
            }
            if (cl.Format != "text" && cl.Format != "json")
            {
                stderr.WriteLine($"deploylint {command}: unknown --format '{cl.Format}' (text, json)");
                return null;
            }
            return LintFile(cl.Paths[0], cl, stderr, out display, out _);
        }

        /// <summary>The lint options a command line stands for: its catalog, repository defaults, severities and prices; reads confined to its root.</summary>
        public static LintOptions OptionsFor(CommandLine cl) => new LintOptions
        {
            Files = new DiskFileResolver(cl.Root, null, cl.HuggingFaceCache),
            SeverityOverrides = cl.SeverityOverrides,
            Catalog = cl.Catalog,
            MaxFileLength = cl.MaxFileBytes,
            Defaults = cl.Defaults,
            Prices = cl.PricesByGpuId(),
        };

        public static LintResult? LintFile(string file, CommandLine cl, TextWriter stderr, out string display, out string text)
        {
            display = ManifestFiles.DisplayPath(file);
            text = "";
            var options = OptionsFor(cl);
            var bytes = ManifestFiles.Read(file, cl.Root, options.MaxFileLength, out var problem);
            if (bytes == null)
            {
                stderr.WriteLine($"deploylint: cannot read {TextReport.Sanitize(display)}: {problem}");
                return null;
            }
            try
            {
                text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
            }
            catch (System.Text.DecoderFallbackException)
            {
                text = "";
            }
            return Linter.LintBytes(bytes, display, options);
        }
    }
}
