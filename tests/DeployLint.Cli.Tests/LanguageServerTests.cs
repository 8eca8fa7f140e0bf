using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DeployLint.Cli.Commands;
using DeployLint.Cli.Lsp;
using DeployLint.Testing;
using Nerdbank.Streams;
using StreamJsonRpc;
using Xunit;

namespace DeployLint.Cli.Tests
{
    /// <summary>
    /// The language server driven through its JSON-RPC stream by a StreamJsonRpc client, as an editor drives it: open, edit,
    /// hover, code action, completion, close. (.ci/lsp-e2e.mjs drives the published tool with the vscode-languageserver
    /// client from npm.)
    /// </summary>
    /// <summary>Runs alone: the memory test reads the whole process's heap, which other test classes would move.</summary>
    [CollectionDefinition("language server", DisableParallelization = true)]
    public sealed class LanguageServerCollection { }

    [Collection("language server")]
    public sealed class LanguageServerTests : IDisposable
    {
        private const string Bad = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: tight\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\nserving: { maxModelLen: 8192 }\n";
        private const string Good = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: fine\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\nserving: { maxModelLen: 8192 }\n";

        private readonly TempRepo _repo = new TempRepo();
        private readonly JsonRpc _client;
        private readonly Task<int> _server;
        private readonly BlockingCollection<PublishDiagnosticsParams> _published = new BlockingCollection<PublishDiagnosticsParams>();
        private readonly Receiver _receiver;

        private sealed class Receiver
        {
            private readonly BlockingCollection<PublishDiagnosticsParams> _sink;

            public Receiver(BlockingCollection<PublishDiagnosticsParams> sink) { _sink = sink; }

            public ConcurrentQueue<string> Logged { get; } = new ConcurrentQueue<string>();

            [JsonRpcMethod("textDocument/publishDiagnostics")]
            public void Publish(PublishDiagnosticsParams p) => _sink.Add(p);

            [JsonRpcMethod("window/logMessage")]
            public void Log(JsonElement message) => Logged.Enqueue(message.ToString());
        }

        public LanguageServerTests()
        {
            var (clientStream, serverStream) = FullDuplexStream.CreatePair();
            var settings = CommandLine.Parse(new[] { "--root", _repo.Path }, LspCommand.Definition, out _)!;
            _server = Task.Run(() => LanguageServer.RunAsync(serverStream, serverStream, settings));
            _client = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options }));
            _receiver = new Receiver(_published);
            _client.AddLocalRpcTarget(_receiver, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
            _client.StartListening();
            var init = _client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = (int?)null, rootUri = new Uri(_repo.Path).AbsoluteUri, capabilities = new { } }).GetAwaiter().GetResult();
            Assert.True(init.GetProperty("capabilities").GetProperty("hoverProvider").GetBoolean());
            _client.NotifyWithParameterObjectAsync("initialized", new { }).GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _client.Dispose();
            _repo.Dispose();
        }

        private string Uri(string name) => new Uri(Path.Combine(_repo.Path, name)).AbsoluteUri;

        private void Open(string name, string text, int version = 1) =>
            _client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = Uri(name), languageId = "yaml", version, text } }).GetAwaiter().GetResult();

        private void Change(string name, string text, int version) =>
            _client.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri = Uri(name), version }, contentChanges = new[] { new { text } } }).GetAwaiter().GetResult();

        private PublishDiagnosticsParams Next(Func<PublishDiagnosticsParams, bool>? where = null)
        {
            while (true)
            {
                Assert.True(_published.TryTake(out var p, TimeSpan.FromSeconds(20)), "no diagnostics published within 20 s");
                if (where == null || where(p)) return p;
            }
        }

        [Fact]
        public void Opening_a_manifest_publishes_what_check_reports_at_the_same_place()
        {
            Open("bad.deploy.yaml", Bad);
            var published = Next();
            var d = Assert.Single(published.Diagnostics);
            Assert.Equal(("DPL1001", 1, "deploylint"), (d.Code, d.Severity, d.Source));
            Assert.Equal((5, 7, 5, 20), (d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character));
            Assert.Equal("https://github.com/deploylint/deploylint/blob/main/rules/DPL1001.md", d.CodeDescription!.Href);

            _repo.Write("bad.deploy.yaml", Bad);
            var (_, check, _) = CliRunner.RunIn(_repo.Path, "check", "bad.deploy.yaml");
            Assert.Contains($"bad.deploy.yaml(6,8): error DPL1001: {d.Message} [", check);
        }

        [Fact]
        public void Edits_republish_and_the_newest_edit_wins()
        {
            Open("p.deploy.yaml", Bad);
            Assert.Equal("DPL1001", Next().Diagnostics.Single().Code);
            for (int v = 2; v <= 40; v++) Change("p.deploy.yaml", v % 2 == 0 ? Good : Bad, v);
            Change("p.deploy.yaml", Good, 41);
            var last = Next(p => p.Version == 41);
            Assert.Empty(last.Diagnostics);
            Assert.False(_published.TryTake(out var later, TimeSpan.FromMilliseconds(300)) && later.Version < 41, "an older version was published after the newest");
        }

        [Fact]
        public void Closing_clears_the_diagnostics()
        {
            Open("c.deploy.yaml", Bad);
            Assert.NotEmpty(Next().Diagnostics);
            _client.NotifyWithParameterObjectAsync("textDocument/didClose", new { textDocument = new { uri = Uri("c.deploy.yaml") } }).GetAwaiter().GetResult();
            Assert.Empty(Next().Diagnostics);
        }

        [Fact]
        public void Hover_shows_the_per_gpu_memory_picture_of_the_deployment()
        {
            Open("h.deploy.yaml", Good);
            Next();
            var hover = _client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri = Uri("h.deploy.yaml") }, position = new { line = 2, character = 7 } }).GetAwaiter().GetResult();
            string value = hover.GetProperty("contents").GetProperty("value").GetString()!;
            Assert.StartsWith("```text\nfine  (", value);
            Assert.Contains("  per GPU  capacity 79.18 GiB (as CUDA reports it)", value);
            Assert.Contains("KV cache", value);

            // On the GPU's value: the catalog entry the spelling resolves to.
            var gpu = _client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri = Uri("h.deploy.yaml") }, position = new { line = 5, character = 10 } }).GetAwaiter().GetResult();
            string spec = gpu.GetProperty("contents").GetProperty("value").GetString()!;
            Assert.StartsWith("**H100-SXM-80GB**: ", spec);
            Assert.Contains("- memory 79.18 GiB as CUDA reports it, HBM 3350 GB/s", spec);
        }

        [Fact]
        public void The_suppression_quick_fix_silences_the_rule_once_applied()
        {
            Open("s.deploy.yaml", Bad);
            var diagnostic = Next().Diagnostics.Single();
            var actions = _client.InvokeWithParameterObjectAsync<List<CodeAction>>("textDocument/codeAction",
                new { textDocument = new { uri = Uri("s.deploy.yaml") }, range = diagnostic.Range, context = new { diagnostics = new[] { diagnostic } } }).GetAwaiter().GetResult();
            var action = Assert.Single(actions);
            Assert.Equal("Suppress DPL1001 in this file (give the reason)", action.Title);
            var edit = Assert.Single(action.Edit.Changes[Uri("s.deploy.yaml")]);
            Assert.Equal("suppress:\n  - { rule: DPL1001, reason: \"<why this plan is acceptable>\" }\n", edit.NewText);
            Assert.Equal((7, 0), (edit.Range.Start.Line, edit.Range.Start.Character));
            Change("s.deploy.yaml", Bad + edit.NewText, 2);
            Assert.Empty(Next(p => p.Version == 2).Diagnostics);
        }

        /// <summary>The fixes messages name become quick fixes that edit the value: DPL3001's "set data: 4" on 8 GPUs at TP 2.</summary>
        [Fact]
        public void The_fix_a_message_names_is_a_quick_fix_on_the_value()
        {
            string idle = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: idle\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism:\n  tensor: 2\n  data: 1\nserving: { maxModelLen: 8192 }\n";
            Open("f.deploy.yaml", idle);
            var diagnostic = Next().Diagnostics.Single(d => d.Code == "DPL3001");
            var actions = _client.InvokeWithParameterObjectAsync<List<CodeAction>>("textDocument/codeAction",
                new { textDocument = new { uri = Uri("f.deploy.yaml") }, range = diagnostic.Range, context = new { diagnostics = new[] { diagnostic } } }).GetAwaiter().GetResult();
            var fix = actions.Single(a => a.IsPreferred == true);
            Assert.Equal("Set data to 4", fix.Title);
            var edit = Assert.Single(fix.Edit.Changes[Uri("f.deploy.yaml")]);
            Assert.Equal(("4", 7, 8, 7, 9), (edit.NewText, edit.Range.Start.Line, edit.Range.Start.Character, edit.Range.End.Line, edit.Range.End.Character));
            Change("f.deploy.yaml", idle.Replace("  data: 1", "  data: 4"), 2);
            Assert.DoesNotContain(Next(p => p.Version == 2).Diagnostics, d => d.Code == "DPL3001");
            Assert.Contains(actions, a => a.Title == "Suppress DPL3001 in this file (give the reason)");
        }

        [Fact]
        public void Completion_offers_catalog_gpus_after_gpu_and_manifest_keys_at_the_root()
        {
            Open("k.deploy.yaml", Good.Replace("  gpu: H100-SXM-80GB", "  gpu: H1"));
            Next();
            var gpus = _client.InvokeWithParameterObjectAsync<CompletionList>("textDocument/completion", new { textDocument = new { uri = Uri("k.deploy.yaml") }, position = new { line = 5, character = 9 } }).GetAwaiter().GetResult();
            Assert.Contains(gpus.Items, i => i.Label == "H100-SXM-80GB");
            Assert.Contains(gpus.Items, i => i.Label == "H200-SXM-141GB");
            Change("k.deploy.yaml", Good + "se", 2);
            Next();
            var keys = _client.InvokeWithParameterObjectAsync<CompletionList>("textDocument/completion", new { textDocument = new { uri = Uri("k.deploy.yaml") }, position = new { line = 7, character = 2 } }).GetAwaiter().GetResult();
            Assert.Contains(keys.Items, i => i.Label == "serving");
            Change("k.deploy.yaml", Good.Replace("  gpu: H100-SXM-80GB", "  gpu: H100-SXM-80GB\n  gpusP"), 3);
            Next();
            var hardware = _client.InvokeWithParameterObjectAsync<CompletionList>("textDocument/completion", new { textDocument = new { uri = Uri("k.deploy.yaml") }, position = new { line = 6, character = 7 } }).GetAwaiter().GetResult();
            Assert.Contains(hardware.Items, i => i.Label == "gpusPerNode" && i.Detail == "hardware key");
            Assert.DoesNotContain(hardware.Items, i => i.Label == "serving");
        }

        /// <summary>Every hostile file of the shared corpus gets its diagnostics published, and the server keeps answering.</summary>
        [Fact]
        public void Hostile_documents_never_stop_the_server()
        {
            int n = 0;
            foreach (var (name, bytes) in HostileCorpus.Cases())
            {
                n++;
                Open($"hostile-{n}.deploy.yaml", new UTF8Encoding(false, false).GetString(bytes));
                var published = Next(p => p.Uri == Uri($"hostile-{n}.deploy.yaml"));
                Assert.True(published.Diagnostics.Count > 0 || bytes.Length < 8, name);
            }
            var hover = _client.InvokeWithParameterObjectAsync<JsonElement?>("textDocument/hover", new { textDocument = new { uri = Uri("hostile-1.deploy.yaml") }, position = new { line = 0, character = 0 } }).GetAwaiter().GetResult();
            Assert.True(n > 40);
            Assert.False(_server.IsCompleted);
            Assert.Empty(_receiver.Logged);
        }

        /// <summary>10,000 edits of a manifest leave the process's managed memory where it was (within 16 MB).</summary>
        [Fact]
        public void Memory_stays_flat_over_ten_thousand_edits()
        {
            Open("m.deploy.yaml", Good);
            Next();
            void Edits(int from, int count)
            {
                for (int v = from; v < from + count; v++) Change("m.deploy.yaml", (v % 3 == 0 ? Bad : Good) + "# edit " + v + "\n", v);
                Next(p => p.Version == from + count - 1);
                while (_published.TryTake(out _)) { }
            }
            Edits(2, 1_000);
            long before = GC.GetTotalMemory(forceFullCollection: true);
            Edits(1_002, 10_000);
            long after = GC.GetTotalMemory(forceFullCollection: true);
            Assert.InRange(after - before, long.MinValue, 16L * 1024 * 1024);
        }

        [Fact]
        public void Shutdown_then_exit_ends_the_server_with_code_zero()
        {
            _client.InvokeAsync<object?>("shutdown").GetAwaiter().GetResult();
            _client.NotifyAsync("exit").GetAwaiter().GetResult();
            Assert.True(_server.Wait(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, _server.Result);
        }
    }
}
