using System.IO;
using System.Linq;
using static DeployLint.Cli.Program;

namespace DeployLint.Cli.Commands
{
    /// <summary>`deploylint init --model ID --gpu ID`: the smallest starter manifest that passes check.</summary>
    internal static class InitCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("init", new[] { "--model", "--gpu", "--out", "-o", "--catalog", "--root" },
                "deploylint init --model ID --gpu ID [--out FILE]",
                "Writes a commented starter manifest for a catalog model on a catalog GPU.",
                "--model ID   a catalog model\n  --gpu ID     a catalog GPU\n  --out FILE   where to write (default stdout); never overwrites",
                Run);

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            var catalog = cl.Catalog;
            var model = cl.Model == null ? null : catalog.FindModel(cl.Model);
            var gpu = cl.Gpu == null ? null : catalog.FindGpu(cl.Gpu, out _);
            if (model == null || gpu == null)
            {
                stderr.WriteLine("deploylint init: give --model (a catalog model id) and --gpu (a catalog GPU id), e.g. deploylint init --model meta-llama/Llama-3.1-8B-Instruct --gpu H100-SXM-80GB");
                if (cl.Model != null && model == null) stderr.WriteLine($"  unknown model '{cl.Model}'{DeployLint.Text.Nearest.DidYouMean(cl.Model, catalog.ModelIds)}");
                if (cl.Gpu != null && gpu == null) stderr.WriteLine($"  unknown GPU '{cl.Gpu}'{DeployLint.Text.Nearest.DidYouMean(cl.Gpu, catalog.Gpus.Select(g => g.Id))}");
                return Usage;
            }
            string? text = StarterManifest.For(model, gpu, catalog);
            if (text == null)
            {
                stderr.WriteLine($"deploylint init: no layout of up to 8 nodes of {gpu.Id} passes check for {model.Id}; try a larger GPU or a quantized checkpoint (deploylint suggest ranks layouts of a plan you write)");
                return Problems;
            }
            if (cl.Out == null)
            {
                stdout.Write(text);
                return Clean;
            }
            if (File.Exists(cl.Out))
            {
                stderr.WriteLine($"deploylint init: {cl.Out} exists; not overwriting it");
                return Usage;
            }
            File.WriteAllText(cl.Out, text);
            stdout.WriteLine($"wrote {cl.Out}");
            return Clean;
        }
    }
}
