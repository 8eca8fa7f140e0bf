using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.IO;
using DeployLint.Rules;
using static DeployLint.Cli.Program;

namespace DeployLint.Cli.Commands
{
    /// <summary>Reads one file through the file gate and lints it with the command line's catalog, defaults and overrides.</summary>
    internal static class ManifestLinting
    {
        public static LintResult? LintFile(string file, CommandLine cl, TextWriter stderr, out string display, out string text)
        {
            display = ManifestFiles.DisplayPath(file);
            text = "";
            var options = new LintOptions
            {
                Files = new DiskFileResolver(cl.Root, null, cl.HuggingFaceCache),
                SeverityOverrides = cl.SeverityOverrides,
                Catalog = cl.Catalog,
                MaxFileLength = cl.MaxFileBytes,
                Defaults = cl.Defaults,
                Prices = cl.PricesByGpuId(),
            };
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
