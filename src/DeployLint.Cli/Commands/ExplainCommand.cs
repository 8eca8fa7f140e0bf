using System;
using System.IO;
using System.Linq;
using DeployLint.Rules;
using static DeployLint.Cli.Program;

namespace DeployLint.Cli.Commands
{
    /// <summary>`deploylint explain DPLnnnn`: the rule's page.</summary>
    internal static class ExplainCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("explain", Array.Empty<string>(), "deploylint explain DPLnnnn", "Prints the rule's page.", "",
                Run);

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            string id = cl.Paths.FirstOrDefault() ?? "";
            var rule = RuleRegistry.Find(id);
            using var stream = rule == null ? null : typeof(Program).Assembly.GetManifestResourceStream("rules/" + rule.Id + ".md");
            if (rule == null || stream == null)
            {
                string hint = DeployLint.Text.Nearest.DidYouMean(id, RuleRegistry.All.Select(r => r.Id));
                stderr.WriteLine($"deploylint explain: '{id}' is not a rule id{hint} (see deploylint rules)");
                return Usage;
            }
            using var reader = new StreamReader(stream);
            stdout.Write(reader.ReadToEnd());
            return Clean;
        }
    }
}
