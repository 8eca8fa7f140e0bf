// Starts `deploylint lsp` for the workspace and hands YAML documents to it; all the checking happens in the server.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverCommand(): { command: string; args: string[] } {
  const configured = vscode.workspace.getConfiguration("deploylint").get<string>("path", "").trim();
  if (configured.length > 0) return { command: configured, args: [] };
  return { command: "deploylint", args: [] };
}

function serverArguments(): string[] {
  const settings = vscode.workspace.getConfiguration("deploylint");
  const args = ["lsp"];
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (root) args.push("--root", root);
  for (const [rule, severity] of Object.entries(settings.get<Record<string, string>>("severity", {}))) {
    if (/^DPL[0-9]{4}$/.test(rule) && ["error", "warning", "info", "none"].includes(severity)) args.push("--severity", `${rule}=${severity}`);
  }
  for (const catalog of settings.get<string[]>("catalogs", [])) args.push("--catalog", catalog);
  return args;
}

async function startClient(): Promise<void> {
  const { command, args } = serverCommand();
  const run = { command, args: [...args, ...serverArguments()], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "yaml" }],
  };
  client = new LanguageClient("deploylint", "DeployLint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `DeployLint: could not start '${command} lsp' (${String(error)}). Install it with 'dotnet tool install -g DeployLint.Cli' or set deploylint.path.`,
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The server reads its settings at start, so a change of deploylint.* restarts it.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("deploylint")) return;
      if (client) await client.stop();
      await startClient();
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
