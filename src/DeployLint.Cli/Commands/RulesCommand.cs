using System;
using System.IO;
using DeployLint.Rules;
using static DeployLint.Cli.Program;

namespace DeployLint.Cli.Commands
{
    /// <summary>`deploylint rules`: every rule with its default severity.</summary>
    internal static class RulesCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("rules", Array.Empty<string>(), "deploylint rules", "Lists every rule with its default severity.", "",
                (cl, stdout, stderr) => Run(stdout));

        public static int Run(TextWriter stdout)
        {
            foreach (var rule in RuleRegistry.All)
            {
                stdout.WriteLine($"{rule.Id}  {rule.DefaultSeverity.ToName(),-7}  {rule.Title}");
            }
            return Clean;
        }
    }
}
