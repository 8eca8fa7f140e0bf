using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeployLint.Rules;
using Xunit;

namespace DeployLint.Core.Tests
{
    /// <summary>Every rule has a unique id in its range, a doc page, a help link to it, and a test file.</summary>
    public class RegistryTests
    {
        [Fact]
        public void Ids_are_unique_and_in_the_range_of_their_category()
        {
            Assert.Equal(RuleRegistry.All.Count, RuleRegistry.All.Select(r => r.Id).Distinct().Count());
            foreach (var rule in RuleRegistry.All)
            {
                Assert.Matches(new Regex("^DPL[0-5][0-9]{3}$"), rule.Id);
                char range = rule.Category switch
                {
                    RuleCategory.Manifest => '0',
                    RuleCategory.Memory => '1',
                    RuleCategory.Compute => '2',
                    RuleCategory.Communication => '3',
                    RuleCategory.Divisibility => '4',
                    _ => '5',
                };
                Assert.Equal(range, rule.Id[3]);
                Assert.Equal("https://github.com/deploylint/deploylint/blob/main/rules/" + rule.Id + ".md", rule.HelpUri);
            }
        }

        [Fact]
        public void Every_rule_has_a_page_with_what_why_example_and_fix()
        {
            foreach (var rule in RuleRegistry.All)
            {
                string page = Repo.PathOf($"rules/{rule.Id}.md");
                Assert.True(File.Exists(page), $"missing rules/{rule.Id}.md");
                string text = File.ReadAllText(page);
                Assert.StartsWith($"# {rule.Id}: {rule.Title}", text);
                foreach (var section in new[] { "## What it checks", "## Why", "## Example", "## Fix" })
                {
                    Assert.Contains(section, text);
                }
            }
        }

        [Fact]
        public void Every_plan_rule_has_a_test_file_named_by_its_id()
        {
            foreach (var rule in RuleRegistry.PlanRules)
            {
                Assert.True(File.Exists(Repo.PathOf($"tests/DeployLint.Core.Tests/Rules/{rule.Descriptor.Id}Tests.cs")), $"no test file for {rule.Descriptor.Id}");
            }
        }
    }
}
