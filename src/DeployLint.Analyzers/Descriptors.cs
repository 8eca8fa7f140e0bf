using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeployLint.Rules;
using Microsoft.CodeAnalysis;

namespace DeployLint.Analyzers
{
    /// <summary>One Roslyn descriptor per rule of Core's registry; nothing about rules is defined here.</summary>
    internal static class Descriptors
    {
        public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById =
            RuleRegistry.All.ToImmutableDictionary(r => r.Id, Create);

        public static readonly ImmutableArray<DiagnosticDescriptor> All = ById.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal).ToImmutableArray();

        private static DiagnosticDescriptor Create(RuleDescriptor rule) => new DiagnosticDescriptor(
            id: rule.Id,
            title: rule.Title,
            messageFormat: "{0}",
            category: "DeployLint." + rule.Category,
            defaultSeverity: Map(rule.DefaultSeverity),
            isEnabledByDefault: rule.DefaultSeverity != Severity.Hidden,
            description: rule.Description,
            helpLinkUri: rule.HelpUri,
            customTags: Tags(rule));

        private static string[] Tags(RuleDescriptor rule)
        {
            var tags = new List<string> { "DeployLint", rule.Category.ToString() };
            return tags.ToArray();
        }

        public static DiagnosticSeverity Map(Severity severity) => severity switch
        {
            Severity.Error => DiagnosticSeverity.Error,
            Severity.Warning => DiagnosticSeverity.Warning,
            Severity.Info => DiagnosticSeverity.Info,
            _ => DiagnosticSeverity.Hidden,
        };
    }
}
