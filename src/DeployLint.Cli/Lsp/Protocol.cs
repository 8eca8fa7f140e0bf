using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeployLint.Cli.Lsp
{
    // The Language Server Protocol 3.17 messages this server uses, as records; names follow the specification
    // (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/), camelCase on the wire.

    internal sealed record Position(int Line, int Character);

    internal sealed record Range(Position Start, Position End);

    internal sealed record TextDocumentIdentifier(string Uri);

    internal sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

    internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

    internal sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

    internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

    internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

    internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

    internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

    internal sealed record CodeDescription(string Href);

    internal sealed record LspDiagnostic(Range Range, int Severity, string Code, CodeDescription? CodeDescription, string Source, string Message);

    internal sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);

    internal sealed record MarkupContent(string Kind, string Value);

    internal sealed record Hover(MarkupContent Contents, Range? Range);

    internal sealed record CodeActionContext(IReadOnlyList<LspDiagnostic> Diagnostics);

    internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext Context);

    internal sealed record TextEdit(Range Range, string NewText);

    internal sealed record WorkspaceEdit(Dictionary<string, List<TextEdit>> Changes);

    internal sealed record CodeAction(string Title, string Kind, IReadOnlyList<LspDiagnostic>? Diagnostics, WorkspaceEdit Edit, bool? IsPreferred);

    internal sealed record CompletionItem(string Label, int Kind, string? Detail);

    internal sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

    internal sealed record InitializeParams(int? ProcessId, string? RootUri, string? RootPath, JsonElement? Capabilities);

    internal sealed record ServerInfo(string Name, string Version);

    internal sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters);

    internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change);

    internal sealed record ServerCapabilities(TextDocumentSyncOptions TextDocumentSync, bool HoverProvider, bool CodeActionProvider, CompletionOptions CompletionProvider);

    internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

    internal static class LspJson
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
    }
}
