using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DeployLint.Cli;
using DeployLint.Cli.Commands;
using DeployLint.Cli.Lsp;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace DeployLint.Benchmarks
{
    /// <summary>
    /// What an editor waits for after a keystroke in a 1,000-line Kubernetes file: didChange sent, diagnostics published,
    /// through the server's JSON-RPC stream (the LWS sample with a 900-line ConfigMap beside it). Budget 20 ms.
    /// </summary>
    [MemoryDiagnoser]
    public class LanguageServerBenchmarks
    {
        private JsonRpc _client = null!;
        private string _text = "";
        private string _uri = "";
        private int _version;
        private TaskCompletionSource<bool> _published = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private sealed class Receiver
        {
            private readonly LanguageServerBenchmarks _owner;

            public Receiver(LanguageServerBenchmarks owner) { _owner = owner; }

            [JsonRpcMethod("textDocument/publishDiagnostics")]
            public void Publish(PublishDiagnosticsParams p)
            {
                if (p.Version == _owner._version) _owner._published.TrySetResult(true);
            }
        }

        [GlobalSetup]
        public void Setup()
        {
            var lws = File.ReadAllText(Path.Combine(Repo.Root, "samples/kubernetes/lws-vllm-llama-405b-fp8-p5.yaml"));
            var configMap = new StringBuilder("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: serving-settings\ndata:\n");
            int lines = lws.Split('\n').Length + 6;
            for (int i = 0; lines < 1000; i++, lines++) configMap.Append($"  SETTING_{i}: \"value {i}\"\n");
            _text = lws + configMap;
            _uri = new Uri(Path.Combine(Repo.Root, "samples/kubernetes/bench-1000-lines.yaml")).AbsoluteUri;
            var (clientStream, serverStream) = FullDuplexStream.CreatePair();
            var settings = DeployLint.Cli.CommandLine.Parse(new[] { "--root", Repo.Root }, LspCommand.Definition, out _)!;
            _ = Task.Run(() => LanguageServer.RunAsync(serverStream, serverStream, settings));
            _client = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options }));
            _client.AddLocalRpcTarget(new Receiver(this), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
            _client.StartListening();
            _client.InvokeWithParameterObjectAsync<object>("initialize", new { processId = (int?)null, capabilities = new { } }).GetAwaiter().GetResult();
            _version = 1;
            _client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = _uri, languageId = "yaml", version = 1, text = _text } }).GetAwaiter().GetResult();
            _published.Task.GetAwaiter().GetResult();
        }

        [GlobalCleanup]
        public void Cleanup() => _client.Dispose();

        [Benchmark]
        public async Task EditA1000LineKubernetesFileUntilDiagnosticsArePublished()
        {
            _published = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _version++;
            string text = _text + "# edit " + _version + "\n";
            await _client.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri = _uri, version = _version }, contentChanges = new[] { new { text } } });
            await _published.Task;
        }
    }
}
