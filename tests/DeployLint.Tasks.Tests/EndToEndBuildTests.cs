using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DeployLint.Tasks.Tests
{
    /// <summary>Packs the real DeployLint package once into a throw-away feed (unique version, private NuGet cache).</summary>
    public sealed class PackedPackage : IDisposable
    {
        public PackedPackage()
        {
            Root = Path.Combine(Path.GetTempPath(), "deploylint-e2e-" + Guid.NewGuid().ToString("N"));
            Feed = Path.Combine(Root, "feed");
            Cache = Path.Combine(Root, "nuget-cache");
            Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            Directory.CreateDirectory(Feed);
            string project = Path.Combine(Repo.Root, "src", "DeployLint.Tasks", "DeployLint.Tasks.csproj");
            // The pack reuses the restore that built this test (its packages folder, no restore of its own): a restore into
            // the private cache would need the feed, and tests run without a network.
            var (exit, output) = Dotnet(Repo.Root, $"pack \"{project}\" -c Release --no-restore -o \"{Feed}\" -p:Version={Version} --nologo",
                RestoredPackages());
            if (exit != 0) throw new InvalidOperationException("dotnet pack failed:\n" + output);
            // Folder feeds only: the package just packed, and the packages this test project restored (the NoTargets SDK).
            File.WriteAllText(Path.Combine(Root, "nuget.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"local\" value=\"" + Feed + "\" />\n" +
                "    <add key=\"restored\" value=\"" + RestoredPackages() + "\" />\n  </packageSources>\n</configuration>\n");
            File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project><PropertyGroup><NuGetAudit>false</NuGetAudit></PropertyGroup></Project>");
            File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        }

        private static string RestoredPackages()
        {
            string? root = typeof(PackedPackage).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>()
                .Where(a => a.Key == "DeployLint.Tests.NuGetPackageRoot")
                .Select(a => a.Value)
                .FirstOrDefault();
            if (string.IsNullOrEmpty(root)) throw new InvalidOperationException("the test project was built without a NuGet package root");
            return root!.TrimEnd('/', '\\');
        }

        public string Root { get; }
        public string Feed { get; }
        public string Cache { get; }
        public string Version { get; }

        public (int Exit, string Output) Dotnet(string workingDirectory, string arguments, string? packagesFolder = null)
        {
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["NUGET_PACKAGES"] = packagesFolder ?? Cache;
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(300_000))
            {
                process.Kill(true);
                return (-1, "timed out");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }


        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [CollectionDefinition("packed package")]
    public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage> { }

    /// <summary>Real `dotnet build` runs on throw-away projects that reference the packed package.</summary>
    [Collection("packed package")]
    public sealed class EndToEndBuildTests
    {
        private const string Good = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: prod\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n";
        private const string Bad = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: prod\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\n";
        private const string Crowded = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: prod\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n  maxConcurrentSequences: 8\nslo: { inputTokens: 120000, outputTokens: 8000 }\n";

        private readonly PackedPackage _package;

        public EndToEndBuildTests(PackedPackage package) { _package = package; }

        private string CSharpProject(string manifest, string extraProperties = "")
        {
            string dir = Path.Combine(_package.Root, "svc-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Path.Combine(dir, "deploy"));
            File.WriteAllText(Path.Combine(dir, "Service.csproj"),
                $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net10.0</TargetFramework>\n{extraProperties}  </PropertyGroup>\n" +
                $"  <ItemGroup>\n    <PackageReference Include=\"DeployLint\" Version=\"{_package.Version}\" PrivateAssets=\"all\" />\n  </ItemGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(dir, "Program.cs"), "[assembly: DeployLint.DeploymentManifest(\"deploy/prod.deploy.yaml\")]\nSystem.Console.WriteLine(\"service\");\n");
            File.WriteAllText(Path.Combine(dir, "deploy", "prod.deploy.yaml"), manifest);
            return dir;
        }

        private (int Exit, string Output) Build(string dir, string extra = "") =>
            _package.Dotnet(dir, "build -clp:NoSummary " + extra);

        [Fact]
        public void The_package_carries_its_licence_icon_readme_repository_and_assemblies_with_embedded_symbols()
        {
            string nupkg = Path.Combine(_package.Feed, $"DeployLint.{_package.Version}.nupkg");
            using var zip = System.IO.Compression.ZipFile.OpenRead(nupkg);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("icon.png", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains("tasks/netstandard2.0/DeployLint.Tasks.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/DeployLint.Analyzers.dll", entries);
            Assert.Contains("schemas/deploylint.schema.json", entries);
            Assert.Contains("schemas/deploylint-config.schema.json", entries);
            using (var reader = new StreamReader(zip.GetEntry("DeployLint.nuspec")!.Open()))
            {
                var nuspec = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
                var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
                string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
                Assert.Equal("MIT", Value("license"));
                Assert.Equal("icon.png", Value("icon"));
                Assert.Equal("README.md", Value("readme"));
                var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
                Assert.Equal("https://github.com/deploylint/deploylint", repository.Attribute("url")!.Value);
                Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
            }
            foreach (string assembly in new[] { "tasks/netstandard2.0/DeployLint.Tasks.dll", "tasks/netstandard2.0/DeployLint.Core.dll", "analyzers/dotnet/cs/DeployLint.Analyzers.dll" })
            {
                using var copy = new MemoryStream();
                using (var stream = zip.GetEntry(assembly)!.Open()) stream.CopyTo(copy);
                copy.Position = 0;
                using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
                Assert.Contains(pe.ReadDebugDirectory(), d => d.Type == System.Reflection.PortableExecutable.DebugDirectoryEntryType.EmbeddedPortablePdb);
            }
        }

        [Fact]
        public void A_good_manifest_builds()
        {
            var (exit, output) = Build(CSharpProject(Good));
            Assert.True(exit == 0, output);
            Assert.DoesNotContain("DPL", output);
        }

        [Fact]
        public void A_bad_manifest_fails_the_build_once_with_the_exact_line()
        {
            var (exit, output) = Build(CSharpProject(Bad));
            Assert.NotEqual(0, exit);
            // MSBuild repeats every error in its end-of-build summary; count what was reported before it.
            string reported = output.Contains("Build FAILED.") ? output.Substring(0, output.IndexOf("Build FAILED.", StringComparison.Ordinal)) : output;
            var lines = reported.Split('\n').Where(l => l.Contains("error DPL1001")).ToList();
            var line = Assert.Single(lines);
            Assert.StartsWith("deploy/prod.deploy.yaml(6,8,6,21): error DPL1001: needs 131.45 GiB of bf16 weights per GPU", line.Trim());
        }

        [Fact]
        public void NoWarn_silences_and_DeployLintTreatWarningsAsErrors_fails_on_a_warning()
        {
            string dir = CSharpProject(Crowded);
            var (exit, output) = Build(dir);
            Assert.True(exit == 0, output);
            Assert.Contains("warning DPL1004", output);

            File.SetLastWriteTimeUtc(Path.Combine(dir, "deploy", "prod.deploy.yaml"), DateTime.UtcNow);
            (exit, output) = Build(dir, "-p:NoWarn=DPL1004");
            Assert.True(exit == 0, output);
            Assert.DoesNotContain("DPL1004", output);

            File.SetLastWriteTimeUtc(Path.Combine(dir, "deploy", "prod.deploy.yaml"), DateTime.UtcNow);
            (exit, output) = Build(dir, "-p:DeployLintTreatWarningsAsErrors=true");
            Assert.NotEqual(0, exit);
            Assert.Contains("error DPL1004", output);
        }

        [Fact]
        public void A_second_build_without_changes_skips_the_target()
        {
            string dir = CSharpProject(Crowded);
            Assert.Equal(0, Build(dir).Exit);
            var (exit, output) = Build(dir, "-v:detailed");
            Assert.Equal(0, exit);
            Assert.Contains("Skipping target \"DeployLint\" because all output files are up-to-date", output);
            Assert.DoesNotContain("warning DPL1004", output);
        }

        [Fact]
        public void A_manifest_added_to_the_set_reruns_the_target_even_when_it_is_older_than_the_stamp()
        {
            string dir = CSharpProject(Good, "    <DeployLintManifestExcludes Condition=\"'$(IncludeBad)' != 'true'\">deploy-bad/**</DeployLintManifestExcludes>\n");
            Directory.CreateDirectory(Path.Combine(dir, "deploy-bad"));
            string bad = Path.Combine(dir, "deploy-bad", "old.deploy.yaml");
            File.WriteAllText(bad, Bad);
            File.SetLastWriteTimeUtc(bad, DateTime.UtcNow.AddDays(-1));
            Assert.Equal(0, Build(dir).Exit);
            var (exit, output) = Build(dir, "-p:IncludeBad=true");
            Assert.NotEqual(0, exit);
            Assert.Contains("deploy-bad/old.deploy.yaml(6,8,6,21): error DPL1001", output);
        }

        [Fact]
        public void A_notargets_project_with_only_manifests_fails_on_a_bad_one()
        {
            string dir = Path.Combine(_package.Root, "plans-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "plans.proj"),
                $"<Project Sdk=\"Microsoft.Build.NoTargets/3.7.0\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n" +
                $"  <ItemGroup>\n    <PackageReference Include=\"DeployLint\" Version=\"{_package.Version}\" PrivateAssets=\"all\" />\n  </ItemGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(dir, "prod.deploy.yaml"), Bad);
            var (exit, output) = Build(dir);
            Assert.NotEqual(0, exit);
            Assert.Matches(new Regex(@"prod\.deploy\.yaml\(6,8,6,21\): error DPL1001"), output);
        }

        [Fact]
        public void The_manifest_attribute_pointing_nowhere_fails_the_csharp_build()
        {
            string dir = CSharpProject(Good);
            File.WriteAllText(Path.Combine(dir, "Program.cs"), "[assembly: DeployLint.DeploymentManifest(\"deploy/prd.deploy.yaml\")]\nSystem.Console.WriteLine(\"service\");\n");
            var (exit, output) = Build(dir);
            Assert.NotEqual(0, exit);
            Assert.Contains("error DPL0018: no deployment manifest named 'deploy/prd.deploy.yaml'", output);
        }
    }
}
