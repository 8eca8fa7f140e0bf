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
using StreamJsonRpc;

namespace DeployLint.Cli.Lsp
{
    /// <summary>
    /// `deploylint lsp`: the Language Server Protocol over stdio. Every open YAML document is linted as `check` lints the
    /// file (same catalog, deploylint.yaml, .globalconfig severities and suppressions) on open and on each edit; a newer edit
    /// cancels the work on an older one. Hover shows the per-GPU picture of the deployment under the cursor, code actions
    /// add a suppression with a reason to fill in, completion offers catalog ids and manifest keys. StreamJsonRpc does the
    /// JSON-RPC (framing, ids, cancellation, ordering), so this class only maps LSP to the linter.
    /// </summary>
    internal sealed class LanguageServer
    {
        private sealed class OpenDocument
        {
            public OpenDocument(string text, int version) { Text = text; Version = version; }

            public string Text { get; set; }
            public int Version { get; set; }
            public CancellationTokenSource Work { get; set; } = new CancellationTokenSource();
            public (int Version, LintResult Result)? Linted { get; set; }
        }

        private readonly CommandLine _settings;
        private readonly ConcurrentDictionary<string, OpenDocument> _documents = new ConcurrentDictionary<string, OpenDocument>(StringComparer.Ordinal);
        private readonly TaskCompletionSource<bool> _exit = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private JsonRpc? _rpc;
        private bool _shutdown;

        private LanguageServer(CommandLine settings) { _settings = settings; }

        /// <summary>Serves until the client sends exit or closes the stream; 0 after an orderly shutdown, as the protocol asks.</summary>
        public static async Task<int> RunAsync(Stream input, Stream output, CommandLine settings)
        {
            var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
            var server = new LanguageServer(settings);
            using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter));
            rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true, AllowNonPublicInvocation = false });
            server._rpc = rpc;
            rpc.StartListening();
            await Task.WhenAny(rpc.Completion, server._exit.Task).ConfigureAwait(false);
            foreach (var document in server._documents.Values) document.Work.Cancel();
            return server._shutdown ? 0 : 1;
        }

        [JsonRpcMethod("initialize")]
        public InitializeResult Initialize(InitializeParams request) =>
            new InitializeResult(
                new ServerCapabilities(new TextDocumentSyncOptions(OpenClose: true, Change: 1), HoverProvider: true, CodeActionProvider: true,
                    new CompletionOptions(new[] { ":", " " })),
                new ServerInfo("deploylint", VersionInfo.Version));

        [JsonRpcMethod("initialized")]
        public void Initialized(JsonElement? request = null) { }

        [JsonRpcMethod("shutdown")]
        public object? Shutdown()
        {
            _shutdown = true;
            return null;
        }

        [JsonRpcMethod("exit")]
        public void Exit() => _exit.TrySetResult(true);

        [JsonRpcMethod("textDocument/didOpen")]
        public void DidOpen(DidOpenTextDocumentParams request)
        {
            var item = request.TextDocument;
            if (!IsYaml(item.Uri, item.LanguageId)) return;
            var document = _documents.AddOrUpdate(item.Uri, _ => new OpenDocument(item.Text, item.Version), (_, old) =>
            {
                old.Work.Cancel();
                return new OpenDocument(item.Text, item.Version);
            });
            Schedule(item.Uri, document);
        }

        [JsonRpcMethod("textDocument/didChange")]
        public void DidChange(DidChangeTextDocumentParams request)
        {
            if (!_documents.TryGetValue(request.TextDocument.Uri, out var document)) return;
            lock (document)
            {
                if (request.TextDocument.Version < document.Version) return;
                // Full synchronisation (TextDocumentSyncKind.Full): the last change holds the whole text.
                var full = request.ContentChanges.LastOrDefault(c => c.Range == null);
                if (full == null) return;
                document.Text = full.Text;
                document.Version = request.TextDocument.Version;
                document.Work.Cancel();
                document.Work = new CancellationTokenSource();
            }
            Schedule(request.TextDocument.Uri, document);
        }

        [JsonRpcMethod("textDocument/didClose")]
        public void DidClose(DidCloseTextDocumentParams request)
        {
            if (_documents.TryRemove(request.TextDocument.Uri, out var document)) document.Work.Cancel();
            Publish(request.TextDocument.Uri, null, Array.Empty<LspDiagnostic>());
        }

        [JsonRpcMethod("textDocument/hover")]
        public Hover? OnHover(TextDocumentPositionParams request)
        {
            if (GpuUnderCursor(request) is Hover gpu) return gpu;
            var result = Current(request.TextDocument.Uri);
            if (result == null || result.Deployments.Count == 0) return null;
            int line = request.Position.Line + 1;
            var deployment = result.Deployments.LastOrDefault(d => d.Manifest.DocumentSpan.StartLine <= line) ?? result.Deployments[0];
            var text = new StringWriter();
            TextReport.WriteEstimate(text, new LintResult(result.FilePath, new[] { deployment }, Array.Empty<Diagnostic>()), result.FilePath);
            return new Hover(new MarkupContent("markdown", "```text\n" + text.ToString().TrimEnd() + "\n```"), null);
        }

        [JsonRpcMethod("textDocument/codeAction")]
        public IReadOnlyList<CodeAction> OnCodeAction(CodeActionParams request)
        {
            if (!_documents.TryGetValue(request.TextDocument.Uri, out var document)) return Array.Empty<CodeAction>();
            string text;
            lock (document) text = document.Text;
            var actions = new List<CodeAction>();
            var result = Current(request.TextDocument.Uri);
            var lines = text.Replace("\r\n", "\n").Split('\n');
            foreach (var diagnostic in request.Context.Diagnostics)
            {
                var fix = result?.Active.FirstOrDefault(d => d.Id == diagnostic.Code && ToLsp(d).Range == diagnostic.Range)?.Fix;
                if (fix == null || !StillReads(lines, fix)) continue;
                var range = new Range(new Position(fix.Span.StartLine - 1, fix.Span.StartColumn - 1), new Position(fix.Span.EndLine - 1, fix.Span.EndColumn - 1));
                actions.Add(new CodeAction(fix.Title, "quickfix", new[] { diagnostic },
                    new WorkspaceEdit(new Dictionary<string, List<TextEdit>> { [request.TextDocument.Uri] = new List<TextEdit> { new TextEdit(range, fix.NewText) } }), IsPreferred: true));
            }
            foreach (var diagnostic in request.Context.Diagnostics.Where(d => d.Code.StartsWith("DPL", StringComparison.Ordinal)).GroupBy(d => d.Code).Select(g => g.First()))
            {
                var edit = Suppressions.Add(text, diagnostic.Code);
                if (edit == null) continue;
                actions.Add(new CodeAction($"Suppress {diagnostic.Code} in this file (give the reason)", "quickfix", new[] { diagnostic },
                    new WorkspaceEdit(new Dictionary<string, List<TextEdit>> { [request.TextDocument.Uri] = new List<TextEdit> { edit } }), IsPreferred: false));
            }
            return actions;
        }

        [JsonRpcMethod("textDocument/completion")]
        public CompletionList OnCompletion(TextDocumentPositionParams request)
        {
            if (!_documents.TryGetValue(request.TextDocument.Uri, out var document)) return new CompletionList(false, Array.Empty<CompletionItem>());
            string text;
            lock (document) text = document.Text;
            return new CompletionList(false, Completions.At(text, request.Position, _settings.Catalog));
        }

        /// <summary>On a `gpu:` value: the catalog entry the spelling resolves to, with the numbers DeployLint uses and their source.</summary>
        private Hover? GpuUnderCursor(TextDocumentPositionParams request)
        {
            if (!_documents.TryGetValue(request.TextDocument.Uri, out var document)) return null;
            string text;
            lock (document) text = document.Text;
            var lines = text.Replace("\r\n", "\n").Split('\n');
            if (request.Position.Line < 0 || request.Position.Line >= lines.Length) return null;
            var match = System.Text.RegularExpressions.Regex.Match(lines[request.Position.Line], @"(?:^|[{,\s])(?:gpu|deploylint\.io/gpu):\s*""?(?<value>[^,}""#\s]+)");
            if (!match.Success || request.Position.Character < match.Groups["value"].Index) return null;
            var gpu = _settings.Catalog.FindGpu(match.Groups["value"].Value, out _);
            if (gpu == null) return null;
            string flops = string.Join(", ", gpu.Tflops.Select(kv => $"{kv.Key} {Units.Number(kv.Value)}"));
            string value = $"**{gpu.Id}**: {gpu.Name}\n\n" +
                $"- memory {Units.GiB(gpu.MemoryBytes)} as CUDA reports it, HBM {Units.Number(gpu.HbmGBps)} GB/s\n" +
                $"- dense TFLOPS: {flops}\n" +
                $"- compute capability {gpu.ComputeCapability}, native formats {string.Join(", ", gpu.NativeFormats)}\n" +
                $"- source: {gpu.Source}";
            return new Hover(new MarkupContent("markdown", value), null);
        }

        /// <summary>Whether the fix's span still holds the value the diagnostic saw (the user may have edited it since).</summary>
        private static bool StillReads(string[] lines, SuggestedFix fix)
        {
            int line = fix.Span.StartLine - 1, start = fix.Span.StartColumn - 1, end = fix.Span.EndColumn - 1;
            if (fix.Span.EndLine != fix.Span.StartLine || line < 0 || line >= lines.Length || start < 0 || end > lines[line].Length || end <= start) return false;
            return lines[line].Substring(start, end - start) == fix.OldText;
        }

        private static bool IsYaml(string uri, string? languageId) =>
            languageId == "yaml" || uri.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || uri.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

        private void Schedule(string uri, OpenDocument document)
        {
            CancellationToken token;
            string text;
            int version;
            lock (document)
            {
                token = document.Work.Token;
                text = document.Text;
                version = document.Version;
            }
            Task.Run(() =>
            {
                if (token.IsCancellationRequested) return;
                var result = Lint(uri, text);
                lock (document)
                {
                    if (token.IsCancellationRequested || document.Version != version) return;
                    if (result != null) document.Linted = (version, result);
                }
                Publish(uri, version, result == null ? Array.Empty<LspDiagnostic>() : result.Active.Where(d => d.Severity != Severity.Hidden).Select(ToLsp).ToList());
            }, token);
        }

        /// <summary>The lint result of the document's current text, linted now if the background work has not finished.</summary>
        private LintResult? Current(string uri)
        {
            if (!_documents.TryGetValue(uri, out var document)) return null;
            string text;
            int version;
            lock (document)
            {
                if (document.Linted is { } linted && linted.Version == document.Version) return linted.Result;
                text = document.Text;
                version = document.Version;
            }
            var result = Lint(uri, text);
            lock (document) if (result != null && document.Version == version) document.Linted = (version, result);
            return result;
        }

        private LintResult? Lint(string uri, string text)
        {
            try
            {
                string path = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
                return Linter.LintBytes(Encoding.UTF8.GetBytes(text), ManifestFiles.DisplayPath(path), ManifestLinting.OptionsFor(_settings));
            }
            catch (Exception ex)
            {
                // The linter is built never to throw on any input; if it does, the editor keeps working and the user sees why.
                Log($"deploylint: internal error on {uri}: {ex.GetType().Name}: {ex.Message}");
                return null;
            }
        }

        private static LspDiagnostic ToLsp(Diagnostic d)
        {
            var start = new Position(Math.Max(0, d.Span.StartLine - 1), Math.Max(0, d.Span.StartColumn - 1));
            var end = d.Span.EndLine > d.Span.StartLine || d.Span.EndColumn > d.Span.StartColumn
                ? new Position(Math.Max(0, d.Span.EndLine - 1), Math.Max(0, d.Span.EndColumn - 1))
                : new Position(start.Line, start.Character + 1);
            int severity = d.Severity switch
            {
                Severity.Error => 1,
                Severity.Warning => 2,
                _ => 3,
            };
            return new LspDiagnostic(new Range(start, end), severity, d.Id, new CodeDescription(d.Rule.HelpUri), "deploylint", d.Message);
        }

        private void Publish(string uri, int? version, IReadOnlyList<LspDiagnostic> diagnostics)
        {
            var rpc = _rpc;
            if (rpc == null || rpc.IsDisposed) return;
            _ = rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, version, diagnostics));
        }

        private void Log(string message)
        {
            var rpc = _rpc;
            if (rpc == null || rpc.IsDisposed) return;
            _ = rpc.NotifyWithParameterObjectAsync("window/logMessage", new { type = 1, message });
        }
    }
}
