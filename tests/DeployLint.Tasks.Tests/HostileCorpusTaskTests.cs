using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployLint.Testing;
using Microsoft.Build.Utilities;
using Xunit;

namespace DeployLint.Tasks.Tests
{
    public sealed class HostileCorpusTaskTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "deploylint-hostile-" + Guid.NewGuid().ToString("N"));

        public HostileCorpusTaskTests() { Directory.CreateDirectory(_dir); }

        public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

        public static IEnumerable<object[]> Cases => HostileCorpus.Cases().Select(c => new object[] { c.Name });

        [Theory]
        [MemberData(nameof(Cases))]
        public void The_task_logs_each_hostile_file_as_a_diagnostic(string name)
        {
            File.WriteAllBytes(Path.Combine(_dir, name + ".deploy.yaml"), HostileCorpus.Cases().Single(c => c.Name == name).Bytes);
            var engine = new RecordingBuildEngine();
            var task = new LintDeploymentManifests { BuildEngine = engine, Manifests = new[] { new TaskItem(name + ".deploy.yaml") }, ProjectDirectory = _dir };
            task.Execute();
            Assert.True(engine.Errors.Count + engine.Warnings.Count + engine.Messages.Count(m => m.Code != null && m.Code.StartsWith("DPL", StringComparison.Ordinal)) > 0);
            Assert.DoesNotContain(engine.Errors, e => e.Code == "DPL0017");
            Assert.All(engine.Errors, e => Assert.StartsWith("DPL", e.Code));
        }
    }
}
