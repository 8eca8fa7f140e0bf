using System;
using System.IO;
using System.Threading.Tasks;
using DeployLint.IO;
using DeployLint.Testing;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>
    /// A pull request cannot make the CLI read outside the repository (links at any depth), block (FIFOs, devices) or
    /// exhaust memory, and no output format carries an outside file's content.
    /// </summary>
    public sealed class HostileFileSystemCliTests : IDisposable
    {
        private static readonly string[] Formats = { "text", "json", "sarif", "github", "markdown" };
        private readonly HostileTree _tree = new HostileTree();

        public void Dispose() => _tree.Dispose();

        /// <summary>Runs the CLI in the tree's root on a thread of its own: a read that blocks fails the test instead of hanging it.</summary>
        private (int Exit, string Out, string Err, long AllocatedBytes) Run(params string[] args)
        {
            var run = Task.Run(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var (exit, output, err) = CliRunner.RunIn(_tree.Root, args);
                return (exit, output, err, GC.GetAllocatedBytesForCurrentThread() - before);
            });
            Assert.True(run.Wait(TimeSpan.FromSeconds(30)), "deploylint " + string.Join(" ", args) + " did not finish in 30 s (a blocking read?)");
            return run.Result;
        }

        private void AssertNoLeak(params string[] args)
        {
            foreach (var format in Formats)
            {
                var (_, output, err, allocated) = Run(Append(args, "--format", format));
                Assert.DoesNotContain(HostileTree.Secret, output + err);
                Assert.True(allocated < 256L << 20, $"{format}: {allocated:N0} bytes allocated");
            }
        }

        private static string[] Append(string[] args, params string[] more)
        {
            var all = new string[args.Length + more.Length];
            args.CopyTo(all, 0);
            more.CopyTo(all, args.Length);
            return all;
        }

        [SkippableUnixFact]
        public void A_config_under_a_linked_grandparent_folder_is_refused_and_not_echoed()
        {
            _tree.Link("vendor/models", Path.Combine(_tree.Outside, "models"));
            _tree.Write("deploy/p.deploy.yaml", HostileTree.WithConfig("../vendor/models/m/config.json"));
            var (exit, output, _, _) = Run("check", "deploy/p.deploy.yaml");
            Assert.Equal(1, exit);
            Assert.Contains("deploy/p.deploy.yaml(5,18): error DPL0010: cannot read model config '../vendor/models/m/config.json': a symbolic link on its path leads outside the repository root", output);
            AssertNoLeak("check", "deploy/p.deploy.yaml");
        }

        [SkippableUnixFact]
        public void A_config_under_a_link_three_folders_up_is_refused()
        {
            _tree.Link("third-party", _tree.Outside);
            _tree.Write("deploy/p.deploy.yaml", HostileTree.WithConfig("../third-party/models/m/config.json"));
            var (_, output, _, _) = Run("check", "deploy/p.deploy.yaml");
            Assert.Contains("error DPL0010: cannot read model config '../third-party/models/m/config.json': a symbolic link on its path leads outside the repository root", output);
            AssertNoLeak("check", "deploy/p.deploy.yaml");
        }

        [SkippableUnixFact]
        public void A_chain_of_links_that_ends_outside_is_refused_and_one_that_stays_inside_is_read()
        {
            _tree.Link("a", _tree.PathOf("b"));
            Directory.CreateDirectory(_tree.PathOf("c"));
            _tree.Link("b", _tree.PathOf("c"));
            _tree.Link("c/models", Path.Combine(_tree.Outside, "models"));
            _tree.Write("deploy/p.deploy.yaml", HostileTree.WithConfig("../a/models/m/config.json"));
            var (_, output, _, _) = Run("check", "deploy/p.deploy.yaml");
            Assert.Contains("a symbolic link on its path leads outside the repository root", output);

            _tree.Write("real/config.json", "{\"model_type\": \"llama\"}");
            _tree.Link("c/mine", _tree.PathOf("real"));
            _tree.Write("deploy/q.deploy.yaml", HostileTree.WithConfig("../a/mine/config.json"));
            (_, output, _, _) = Run("check", "deploy/q.deploy.yaml");
            Assert.DoesNotContain("leads outside", output);
            Assert.DoesNotContain("DPL0010", output);
        }

        [SkippableUnixFact]
        public void A_link_loop_is_refused_without_hanging()
        {
            _tree.Link("loop1", _tree.PathOf("loop2"));
            _tree.Link("loop2", _tree.PathOf("loop1"));
            _tree.Write("deploy/p.deploy.yaml", HostileTree.WithConfig("../loop1/config.json"));
            var (_, output, _, _) = Run("check", "deploy/p.deploy.yaml");
            Assert.Contains("cannot read model config '../loop1/config.json': its symbolic links form a loop", output);
        }

        [SkippableUnixFact]
        public void A_linked_manifest_in_a_checked_folder_is_not_read()
        {
            _tree.Write("deploy/good.deploy.yaml", HostileTree.Head + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\n");
            _tree.Link("deploy/linked.deploy.yaml", Path.Combine(_tree.Outside, "secret.deploy.yaml"));
            _tree.Link("deploy/linked.yaml", Path.Combine(_tree.Outside, "secret.deploy.yaml"));
            var (exit, output, err, _) = Run("check", "deploy");
            Assert.Equal(2, exit);
            Assert.Contains("deploylint: cannot read deploy/linked.deploy.yaml: a symbolic link on its path leads outside the repository root", err);
            Assert.Contains("1 file(s), 1 deployment(s)", output);
            AssertNoLeak("check", "deploy");
        }

        [SkippableUnixFact]
        public void A_linked_manifest_named_on_the_command_line_is_not_read()
        {
            _tree.Link("deploy/linked.deploy.yaml", Path.Combine(_tree.Outside, "secret.deploy.yaml"));
            var (exit, _, err, _) = Run("check", "deploy/linked.deploy.yaml");
            Assert.Equal(2, exit);
            Assert.Contains("cannot read deploy/linked.deploy.yaml: a symbolic link on its path leads outside the repository root", err);
            AssertNoLeak("check", "deploy/linked.deploy.yaml");
            AssertNoLeak("estimate", "deploy/linked.deploy.yaml");
        }

        [SkippableUnixFact]
        public void A_catalog_named_in_deploylint_yaml_that_links_out_is_not_read()
        {
            _tree.Write("deploylint.yaml", "catalogs:\n  - fleet/gpus.yaml\n");
            _tree.Link("fleet/gpus.yaml", Path.Combine(_tree.Outside, "catalog.yaml"));
            _tree.Write("deploy/p.deploy.yaml", HostileTree.Head + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\n");
            var (exit, _, err, _) = Run("check", "deploy");
            Assert.Equal(0, exit);
            Assert.Contains("deploylint.yaml(2,5): warning: catalog 'fleet/gpus.yaml' is not read: a symbolic link on its path leads outside the repository root; ignored", err);
            AssertNoLeak("check", "deploy");
        }

        [SkippableUnixFact]
        public void A_catalog_option_that_links_out_is_not_read()
        {
            _tree.Link("fleet.yaml", Path.Combine(_tree.Outside, "catalog.yaml"));
            _tree.Write("deploy/p.deploy.yaml", HostileTree.Head + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\n");
            var (exit, _, err, _) = Run("check", "deploy", "--catalog", "fleet.yaml");
            Assert.Equal(2, exit);
            Assert.Contains("deploylint: cannot read catalog fleet.yaml: a symbolic link on its path leads outside the repository root", err);
            AssertNoLeak("check", "deploy", "--catalog", "fleet.yaml");
        }

        [SkippableUnixFact]
        public void Deploylint_yaml_linked_to_dev_zero_costs_a_bounded_read()
        {
            _tree.Link("deploylint.yaml", "/dev/zero");
            _tree.Write("deploy/p.deploy.yaml", HostileTree.Head + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\n");
            var (exit, _, err, allocated) = Run("check", "deploy");
            Assert.Equal(0, exit);
            Assert.Contains("deploylint.yaml(1,1): warning: not read: a symbolic link on its path leads outside the repository root; ignored", err);
            Assert.True(allocated < 256L << 20, $"{allocated:N0} bytes allocated");
        }

        [SkippableUnixFact]
        public void Fifos_are_refused_before_they_are_opened()
        {
            _tree.Fifo("deploy/pipe.yaml");
            _tree.Fifo("deploy/pipe.deploy.yaml");
            _tree.Fifo("models/config.json");
            _tree.Fifo("fleet.yaml");
            _tree.Write("deploy/p.deploy.yaml", HostileTree.WithConfig("../models/config.json"));

            var (exit, output, err, _) = Run("check", "deploy");
            Assert.Equal(2, exit);
            Assert.Contains("deploylint: cannot read deploy/pipe.deploy.yaml: it is not a regular file (a FIFO, socket or device)", err);
            Assert.Contains("deploy/p.deploy.yaml(5,18): error DPL0010: cannot read model config '../models/config.json': it is not a regular file (a FIFO, socket or device)", output);

            (exit, _, err, _) = Run("check", "deploy/pipe.yaml");
            Assert.Equal(2, exit);
            Assert.Contains("it is not a regular file", err);

            (exit, _, err, _) = Run("check", "deploy/p.deploy.yaml", "--catalog", "fleet.yaml");
            Assert.Equal(2, exit);
            Assert.Contains("deploylint: cannot read catalog fleet.yaml: it is not a regular file (a FIFO, socket or device)", err);

            _tree.Fifo("deploylint.yaml");
            (_, _, err, _) = Run("check", "deploy/p.deploy.yaml");
            Assert.Contains("deploylint.yaml(1,1): warning: not read: it is not a regular file (a FIFO, socket or device); ignored", err);
        }

        [SkippableUnixFact]
        public void A_device_named_through_root_is_refused()
        {
            var (exit, _, err, _) = Run("check", "/dev/zero", "--root", "/");
            Assert.Equal(2, exit);
            Assert.Contains("it is not a regular file (a FIFO, socket or device)", err);
        }

        [SkippableUnixFact]
        public void The_real_path_resolves_links_at_every_depth()
        {
            _tree.Link("x", _tree.PathOf("y/z"));
            Directory.CreateDirectory(_tree.PathOf("y/z/w"));
            _tree.Link("y/z/w/up", "../..");
            string? real = FileGate.RealPath(_tree.PathOf("x/w/up/z/file"), out string problem);
            Assert.Equal("", problem);
            Assert.Equal(Path.Combine(FileGate.RealPath(_tree.Root, out _)!, "y", "z", "file"), real);
        }
    }

}
