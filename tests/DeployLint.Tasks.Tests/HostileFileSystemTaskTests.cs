using System;
using System.IO;
using System.Linq;
using DeployLint.Testing;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace DeployLint.Tasks.Tests
{
    /// <summary>The MSBuild task reads manifests, catalogs, model configs and analyzer config through the same gate as the CLI.</summary>
    public sealed class HostileFileSystemTaskTests : IDisposable
    {
        private readonly HostileTree _tree = new HostileTree();

        public void Dispose() => _tree.Dispose();

        private RecordingBuildEngine Run(string[] manifests, string[]? catalogs = null, string[]? analyzerConfigs = null)
        {
            var engine = new RecordingBuildEngine();
            var task = new LintDeploymentManifests
            {
                BuildEngine = engine,
                Manifests = manifests.Select(m => (ITaskItem)new TaskItem(m)).ToArray(),
                Catalogs = (catalogs ?? Array.Empty<string>()).Select(m => (ITaskItem)new TaskItem(m)).ToArray(),
                AnalyzerConfigFiles = (analyzerConfigs ?? Array.Empty<string>()).Select(m => (ITaskItem)new TaskItem(m)).ToArray(),
                ProjectDirectory = _tree.Root,
            };
            var run = System.Threading.Tasks.Task.Run(() => task.Execute());
            Assert.True(run.Wait(TimeSpan.FromSeconds(30)), "the task did not finish in 30 s (a blocking read?)");
            return engine;
        }

        private static string Everything(RecordingBuildEngine engine) =>
            string.Join("\n", engine.Errors.Select(e => e.Message).Concat(engine.Warnings.Select(w => w.Message)).Concat(engine.Messages.Select(m => m.Message)));


        [SkippableUnixFact]
        public void A_linked_manifest_item_is_not_read()
        {
            _tree.Link("deploy/linked.deploy.yaml", Path.Combine(_tree.Outside, "secret.deploy.yaml"));
            var engine = Run(new[] { "deploy/linked.deploy.yaml" });
            var error = Assert.Single(engine.Errors);
            Assert.Equal(("DPL0010", "deploy/linked.deploy.yaml"), (error.Code, error.File));
            Assert.Equal("cannot read the manifest: a symbolic link on its path leads outside the repository root", error.Message);
            Assert.DoesNotContain(HostileTree.Secret, Everything(engine));
        }

        [SkippableUnixFact]
        public void A_model_config_under_a_linked_folder_is_not_read()
        {
            _tree.Link("vendor", _tree.Outside);
            _tree.Write("deploy/p.deploy.yaml", HostileTree.WithConfig("../vendor/models/m/config.json"));
            var engine = Run(new[] { "deploy/p.deploy.yaml" });
            var error = Assert.Single(engine.Errors, e => e.Code == "DPL0010");
            Assert.Equal((5, 18), (error.LineNumber, error.ColumnNumber));
            Assert.EndsWith("a symbolic link on its path leads outside the repository root", error.Message);
            Assert.DoesNotContain(HostileTree.Secret, Everything(engine));
        }

        [SkippableUnixFact]
        public void A_linked_catalog_item_is_not_read()
        {
            _tree.Link("fleet.yaml", Path.Combine(_tree.Outside, "catalog.yaml"));
            _tree.Write("deploy/p.deploy.yaml", HostileTree.Head + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\n");
            var engine = Run(new[] { "deploy/p.deploy.yaml" }, catalogs: new[] { "fleet.yaml" });
            var error = Assert.Single(engine.Errors);
            Assert.Equal(("DPL0010", "fleet.yaml", "cannot read the catalog: a symbolic link on its path leads outside the repository root"), (error.Code, error.File, error.Message));
            Assert.DoesNotContain(HostileTree.Secret, Everything(engine));
        }

        [SkippableUnixFact]
        public void Fifos_in_place_of_a_manifest_a_catalog_a_config_or_a_globalconfig_do_not_block_the_build()
        {
            _tree.Fifo("deploy/pipe.deploy.yaml");
            _tree.Fifo("models/config.json");
            _tree.Fifo(".globalconfig");
            _tree.Write("deploy/p.deploy.yaml", HostileTree.WithConfig("../models/config.json"));
            var engine = Run(new[] { "deploy/pipe.deploy.yaml", "deploy/p.deploy.yaml" }, analyzerConfigs: new[] { ".globalconfig" });
            Assert.Contains(engine.Errors, e => e.File == "deploy/pipe.deploy.yaml" && e.Message == "cannot read the manifest: it is not a regular file (a FIFO, socket or device)");
            Assert.Contains(engine.Errors, e => e.File == "deploy/p.deploy.yaml" && e.Code == "DPL0010" && e.Message.EndsWith("it is not a regular file (a FIFO, socket or device)", StringComparison.Ordinal));

            _tree.Fifo("fleet.yaml");
            engine = Run(new[] { "deploy/p.deploy.yaml" }, catalogs: new[] { "fleet.yaml" });
            Assert.Contains(engine.Errors, e => e.File == "fleet.yaml" && e.Message == "cannot read the catalog: it is not a regular file (a FIFO, socket or device)");
        }
    }
}
