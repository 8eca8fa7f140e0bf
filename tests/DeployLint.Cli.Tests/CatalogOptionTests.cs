using Xunit;

namespace DeployLint.Cli.Tests
{
    public class CatalogOptionTests
    {
        private const string Catalog = "gpus:\n  - id: ACME-X1-96GB\n    memoryBytes: 103079215104\n    hbmGBps: 4000\n    tflops: { bf16: 900 }\n    native: [bf16, fp16]\n    cc: \"9.0\"\n    intraNode: nvlink4\n    source: \"ACME X1 datasheet rev 3\"\n";
        private const string Manifest = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: ACME-X1-96GB }\nserving: { maxModelLen: 8192 }\n";

        [Fact]
        public void A_user_catalog_adds_a_gpu_that_a_manifest_then_uses()
        {
            using var repo = new TempRepo();
            repo.Write("acme.catalog.yaml", Catalog);
            repo.Write("p.deploy.yaml", Manifest);
            Assert.Equal(1, CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml").Exit);
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml", "--catalog", "acme.catalog.yaml");
            Assert.Equal(0, exit);
            Assert.Contains("0 error(s)", output);
        }

        [Fact]
        public void A_conflicting_catalog_is_reported_at_its_line_and_fails()
        {
            using var repo = new TempRepo();
            repo.Write("acme.catalog.yaml", Catalog.Replace("ACME-X1-96GB", "H100-SXM-80GB"));
            repo.Write("p.deploy.yaml", Manifest);
            var (exit, _, err) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml", "--catalog", "acme.catalog.yaml");
            Assert.Equal(1, exit);
            Assert.StartsWith("acme.catalog.yaml(2,9): error DPL0019: GPU id 'H100-SXM-80GB' already exists", err);
        }
    }
}

namespace DeployLint.Cli.Tests
{
    public class RepositoryConfigTests
    {
        [Fact]
        public void Deploylint_yaml_at_the_root_merges_its_catalogs()
        {
            using var repo = new TempRepo();
            repo.Write("catalogs/acme.yaml", "gpus:\n  - id: ACME-X1-96GB\n    memoryBytes: 103079215104\n    hbmGBps: 4000\n    tflops: { bf16: 900 }\n    native: [bf16, fp16]\n    intraNode: nvlink4\n    source: \"ACME X1 datasheet rev 3\"\n");
            repo.Write("deploylint.yaml", "catalogs:\n  - catalogs/acme.yaml\n  - ../../etc/passwd\n");
            repo.Write("deploy/p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: ACME-X1-96GB }\nserving: { maxModelLen: 8192 }\n");
            var (exit, _, err) = CliRunner.RunIn(repo.Path, "check", "deploy");
            Assert.Equal(0, exit);
            Assert.Contains("deploylint.yaml(3,5): warning: catalog '../../etc/passwd' is not a file inside the repository; ignored", err);
        }
    }
}
