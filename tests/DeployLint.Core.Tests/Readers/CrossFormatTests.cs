using System.Linq;
using Xunit;

namespace DeployLint.Core.Tests.Readers
{
    /// <summary>
    /// One plan (Llama-3.1-70B-Instruct, bf16, TP 2 on a node of 4 H100, 32k context) written as a DeployLint manifest, a
    /// Deployment, a StatefulSet, a LeaderWorkerSet, production-stack Helm values and a compose service: the same rule
    /// ids, the same severities, the same numbers, whichever file says it.
    /// </summary>
    public class CrossFormatTests
    {
        [Theory]
        [InlineData("deployment.yaml")]
        [InlineData("statefulset.yaml")]
        [InlineData("lws.yaml")]
        [InlineData("values.yaml")]
        [InlineData("compose.yaml")]
        public void The_same_plan_gets_the_same_diagnostics_in_every_format(string file)
        {
            static (string Id, Severity Severity, string Numbers)[] Findings(LintResult r) => r.Active
                .Select(d => (d.Id, d.Severity, d.Id == "DPL3001" ? d.Message.Substring(d.Message.IndexOf('=')) : d.Message))
                .OrderBy(x => x.Id, System.StringComparer.Ordinal).ToArray();

            var native = Findings(Lint.RepoFile("tests/DeployLint.Core.Tests/Readers/CrossFormat/plan.deploy.yaml"));
            var other = Findings(Lint.RepoFile("tests/DeployLint.Core.Tests/Readers/CrossFormat/" + file));
            Assert.Equal(new[] { ("DPL1003", Severity.Error), ("DPL3001", Severity.Warning) }, native.Select(x => (x.Id, x.Severity)).ToArray());
            Assert.StartsWith("one request of maxModelLen 32,768 tokens needs 5.0 GiB of KV cache per GPU, but only 1.49 GiB is left (9,744 tokens)", native[0].Numbers);
            Assert.Equal(native, other);
        }
    }
}
