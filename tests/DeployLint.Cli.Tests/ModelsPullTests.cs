using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>A real HTTP server on loopback that answers in the Hugging Face Hub's URL layout (revision API and resolve URLs).</summary>
    internal sealed class FakeHub : IDisposable
    {
        public const string Commit = "0123456789abcdef0123456789abcdef01234567";
        private readonly HttpListener _listener = new HttpListener();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        public FakeHub()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            Task.Run(Serve);
        }

        public string Endpoint { get; }
        public string? LastAuthorization { get; private set; }

        /// <summary>acme/tiny-llama: a public repository with a config.json; acme/gated: 401 without access; anything else: 404.</summary>
        private async Task Serve()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); } catch (Exception) { return; }
                LastAuthorization = context.Request.Headers["Authorization"];
                string path = context.Request.Url!.AbsolutePath;
                int status = 404;
                string body = "{\"error\":\"Repository not found\"}";
                if (path == "/api/models/acme/tiny-llama/revision/main")
                {
                    status = 200;
                    body = "{\"id\":\"acme/tiny-llama\",\"sha\":\"" + Commit + "\"}";
                }
                else if (path == $"/acme/tiny-llama/resolve/{Commit}/config.json")
                {
                    status = 200;
                    body = "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\",\"hidden_size\":4096,\"intermediate_size\":14336,\"num_attention_heads\":32,\"num_hidden_layers\":32," +
                           "\"num_key_value_heads\":8,\"vocab_size\":128256,\"max_position_embeddings\":8192,\"rms_norm_eps\":1e-05,\"rope_theta\":500000.0,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}";
                }
                else if (path.StartsWith("/api/models/acme/gated/", StringComparison.Ordinal))
                {
                    status = 401;
                    body = "{\"error\":\"Access to model acme/gated is restricted.\"}";
                }
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            _listener.Close();
        }
    }

    [Collection("environment")]
    public class ModelsPullTests
    {
        private static (int Exit, string Out, string Err) WithHub(FakeHub hub, string? token, string directory, params string[] args)
        {
            string? endpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT");
            string? previousToken = Environment.GetEnvironmentVariable("HF_TOKEN");
            Environment.SetEnvironmentVariable("HF_ENDPOINT", hub.Endpoint);
            Environment.SetEnvironmentVariable("HF_TOKEN", token);
            try
            {
                return CliRunner.RunIn(directory, args);
            }
            finally
            {
                Environment.SetEnvironmentVariable("HF_ENDPOINT", endpoint);
                Environment.SetEnvironmentVariable("HF_TOKEN", previousToken);
            }
        }

        [Fact]
        public void Pull_writes_the_store_with_its_commit_and_check_then_uses_it_offline()
        {
            using var hub = new FakeHub();
            using var repo = new TempRepo();
            var (exit, output, err) = WithHub(hub, "hf_secret", repo.Path, "models", "pull", "acme/tiny-llama");
            Assert.True(exit == 0, err);
            Assert.Equal("acme/tiny-llama@0123456789ab: wrote config.json to .deploylint/models/acme/tiny-llama/", output.Trim());
            Assert.Equal("Bearer hf_secret", hub.LastAuthorization);
            string revision = File.ReadAllText(Path.Combine(repo.Path, ".deploylint", "models", "acme", "tiny-llama", "revision.json"));
            Assert.Contains("\"commit\": \"" + FakeHub.Commit + "\"", revision);

            hub.Dispose(); // offline from here on
            repo.Write("deploy/p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: acme/tiny-llama }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n");
            (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "deploy/p.deploy.yaml");
            Assert.Equal(0, exit);
            Assert.Contains("deploy/p.deploy.yaml(4,14): info DPL0021: model 'acme/tiny-llama' is read from the repository's model store (.deploylint/models/acme/tiny-llama/config.json)", output);
            Assert.DoesNotContain("DPL0006", output);
            var (_, estimate, _) = CliRunner.RunIn(repo.Path, "estimate", "deploy/p.deploy.yaml");
            Assert.Contains("acme/tiny-llama (llama, 8.03B parameters", estimate);
        }

        [Fact]
        public void A_gated_repository_and_a_missing_one_get_a_clear_message_and_no_stack_trace()
        {
            using var hub = new FakeHub();
            using var repo = new TempRepo();
            var (exit, _, err) = WithHub(hub, null, repo.Path, "models", "pull", "acme/gated", "acme/nothing", "../etc/passwd");
            Assert.Equal(2, exit);
            Assert.Contains("deploylint models pull: acme/gated: the repository is gated or private: accept its terms on the Hub and set HF_TOKEN to a token with access", err);
            Assert.Contains("deploylint models pull: acme/nothing: no such model repository, revision or file on the Hub", err);
            Assert.Contains("deploylint models pull: '../etc/passwd' is not ORG/NAME[@REVISION]", err);
            Assert.DoesNotContain("   at ", err);
            Assert.False(Directory.Exists(Path.Combine(repo.Path, ".deploylint")));
        }
    }

    [CollectionDefinition("environment", DisableParallelization = true)]
    public sealed class EnvironmentCollection { }
}

namespace DeployLint.Cli.Tests
{
    public class CheckpointSizeTests
    {
        private const string Config = "{\"architectures\":[\"JambaForCausalLM\"],\"model_type\":\"jamba\",\"hidden_size\":8192,\"num_attention_heads\":64,\"num_hidden_layers\":72,\"vocab_size\":65536,\"torch_dtype\":\"bfloat16\"}";

        /// <summary>An architecture DeployLint does not model still gets a weights verdict from the checkpoint's safetensors index.</summary>
        [Theory]
        [InlineData(1, true)]
        [InlineData(4, false)]
        public void A_checkpoint_larger_than_the_budget_is_refused_from_its_safetensors_index(int tensor, bool refused)
        {
            using var repo = new TempRepo();
            repo.Write(".deploylint/models/acme/Hybrid-80B/config.json", Config);
            // 162,690,000,000 bytes: an 80B-parameter checkpoint in bf16.
            repo.Write(".deploylint/models/acme/Hybrid-80B/model.safetensors.index.json", "{\"metadata\":{\"total_size\":162690000000},\"weight_map\":{}}");
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: acme/Hybrid-80B }\n" +
                $"hardware: {{ gpu: H100-SXM-80GB, gpusPerNode: {tensor} }}\nparallelism: {{ tensor: {tensor} }}\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml");
            Assert.Contains("warning DPL0009: model_type 'jamba' is not a supported architecture", output);
            if (refused)
            {
                Assert.Equal(1, exit);
                Assert.Contains("p.deploy.yaml(5,18): error DPL1001: the checkpoint stores 151.52 GiB of weights (model.safetensors.index.json total_size), at least 151.52 GiB per GPU at TP 1 x PP 1, but H100-SXM-80GB has 72.84 GiB for the engine; the weights alone need at least 3 x H100-SXM-80GB per replica", output);
            }
            else
            {
                Assert.Equal(0, exit);
                Assert.DoesNotContain("DPL1001", output);
            }
        }
    }
}

namespace DeployLint.Cli.Tests
{
    public class ApproximateArchitectureTests
    {
        /// <summary>
        /// An unmodelled model_type with the usual fields is estimated as a Llama-style decoder; with the checkpoint's
        /// safetensors index in the model store, its weights are scaled to total_size: 20 GB over TP 2 is 9.31 GiB per GPU, 9.32 with
        /// (plus the rotary cache), whatever the estimate's MLP assumption.
        /// </summary>
        [Fact]
        public void The_store_s_safetensors_index_makes_approximate_weights_exact()
        {
            using var repo = new TempRepo();
            repo.Write(".deploylint/models/acme/lm-10b/config.json", "{\"model_type\":\"acme_lm\",\"hidden_size\":4096,\"intermediate_size\":16384,\"num_attention_heads\":32,\"num_hidden_layers\":40,\"vocab_size\":64000,\"max_position_embeddings\":8192,\"hidden_act\":\"gelu\",\"torch_dtype\":\"bfloat16\"}");
            repo.Write(".deploylint/models/acme/lm-10b/model.safetensors.index.json", "{\"metadata\":{\"total_size\":20000000000},\"weight_map\":{}}");
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: acme/lm-10b }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\nserving: { engine: vllm, maxModelLen: 8192 }\n");
            var (exit, output, _) = CliRunner.RunIn(repo.Path, "estimate", "p.deploy.yaml", "--explain");
            Assert.Equal(0, exit);
            Assert.Contains("  Model loading took 9.32 GiB", output);
            Assert.Contains("scaled to the checkpoint's safetensors index (total_size 18.63 GiB)", output);
            (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml");
            Assert.Contains("warning DPL0009: model_type 'acme_lm' is not modelled exactly", output);
            Assert.Contains("the checkpoint's safetensors index (18.63 GiB) bounds the weights exactly", output);
        }
    }
}

namespace DeployLint.Cli.Tests
{
    [Collection("environment")]
    public class HuggingFaceCacheTests
    {
        /// <summary>A model the local Hugging Face cache holds (as huggingface_hub lays it out: refs/main, snapshot files linked into blobs/) is checked by the CLI.</summary>
        [SkippableUnixFact]
        public void The_cli_reads_a_model_from_the_local_hugging_face_cache_at_the_commit_refs_main_names()
        {
            using var repo = new TempRepo();
            string cache = Path.Combine(repo.Path, "..", Path.GetFileName(repo.Path) + "-hf-hub");
            string model = Path.Combine(cache, "models--acme--cached-llama");
            Directory.CreateDirectory(Path.Combine(model, "refs"));
            Directory.CreateDirectory(Path.Combine(model, "blobs"));
            Directory.CreateDirectory(Path.Combine(model, "snapshots", FakeHub.Commit));
            File.WriteAllText(Path.Combine(model, "refs", "main"), FakeHub.Commit);
            File.WriteAllText(Path.Combine(model, "blobs", "5d41402abc4b2a76b9719d911017c592"),
                "{\"model_type\":\"llama\",\"hidden_size\":4096,\"intermediate_size\":14336,\"num_attention_heads\":32,\"num_hidden_layers\":32,\"num_key_value_heads\":8,\"vocab_size\":128256,\"max_position_embeddings\":8192,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}");
            File.CreateSymbolicLink(Path.Combine(model, "snapshots", FakeHub.Commit, "config.json"), "../../blobs/5d41402abc4b2a76b9719d911017c592");
            repo.Write("p.deploy.yaml", "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: acme/cached-llama }\nhardware: { gpu: H100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n");
            string? previous = Environment.GetEnvironmentVariable("HF_HUB_CACHE");
            Environment.SetEnvironmentVariable("HF_HUB_CACHE", cache);
            try
            {
                var (exit, output, _) = CliRunner.RunIn(repo.Path, "check", "p.deploy.yaml");
                Assert.Equal(0, exit);
                Assert.Contains("info DPL0021: model 'acme/cached-llama' is read from the local Hugging Face cache (models--acme--cached-llama/snapshots/0123456789ab/config.json)", output);
            }
            finally
            {
                Environment.SetEnvironmentVariable("HF_HUB_CACHE", previous);
                Directory.Delete(cache, recursive: true);
            }
        }
    }
}
