// End-to-end check of `deploylint lsp` with a real LSP client: the vscode-languageserver-protocol package (the protocol
// layer of VS Code's own client) from the npm registry, talking to the built tool over stdio.
// Usage: node .ci/lsp-e2e.mjs NODE_MODULES_DIR DEPLOYLINT_DLL
// It opens a real file in a scratch repository, checks the published diagnostics (id, range), a hover, the suppression
// code action (applied, it silences the rule), completion, an edit that fixes the plan, close, shutdown and exit.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, dllArgument] = process.argv.slice(2);
const dll = dllArgument ? resolve(dllArgument) : "";
if (!modules || !dllArgument) {
  console.error("usage: node .ci/lsp-e2e.mjs NODE_MODULES_DIR DEPLOYLINT_DLL");
  process.exit(2);
}
const require = createRequire(join(modules, "noop.js"));
const rpc = require("vscode-languageserver-protocol/node");

const repo = mkdtempSync(join(tmpdir(), "deploylint-lsp-"));
mkdirSync(join(repo, ".git"));
const bad = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: tight\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\nserving: { maxModelLen: 8192 }\n";
const file = join(repo, "prod.deploy.yaml");
writeFileSync(file, bad);
const uri = pathToFileURL(file).href;

const server = spawn("dotnet", [dll, "lsp", "--root", repo], { cwd: repo, stdio: ["pipe", "pipe", "inherit"] });
const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
const published = [];
let waiter = null;
connection.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
  published.push(p);
  if (waiter && waiter.test(p)) { const w = waiter; waiter = null; w.resolve(p); }
});
connection.listen();

function next(test, what) {
  const found = published.find(test);
  if (found) { published.splice(published.indexOf(found), 1); return Promise.resolve(found); }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out waiting for " + what)), 20000);
    waiter = { test, resolve: (p) => { clearTimeout(timer); published.splice(published.indexOf(p), 1); resolve(p); } };
  });
}

let failures = 0;
function check(ok, message) {
  console.log(`lsp-e2e: ${ok ? "ok" : "FAILED"}: ${message}`);
  if (!ok) failures++;
}

try {
  const init = await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(repo).href, capabilities: {}, workspaceFolders: null });
  check(init.capabilities.hoverProvider === true && init.capabilities.codeActionProvider === true, `initialize: ${init.serverInfo.name} ${init.serverInfo.version} with hover and code actions`);
  await connection.sendNotification(rpc.InitializedNotification.type, {});

  await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "yaml", version: 1, text: bad } });
  const opened = await next((p) => p.uri === uri && p.version === 1, "diagnostics after open");
  const d = opened.diagnostics[0];
  check(opened.diagnostics.length === 1 && d.code === "DPL1001" && d.severity === 1, `open: ${opened.diagnostics.map((x) => x.code).join(", ")}`);
  check(d.range.start.line === 5 && d.range.start.character === 7 && d.range.end.character === 20, `range of DPL1001: ${JSON.stringify(d.range)}`);

  const hover = await connection.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 7 } });
  check(hover && hover.contents.value.includes("per GPU  capacity 79.18 GiB"), "hover shows the per-GPU picture");
  const gpuHover = await connection.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 10 } });
  check(gpuHover && gpuHover.contents.value.startsWith("**H100-SXM-80GB**"), "hover on the GPU shows its catalog entry");

  const completion = await connection.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 7 } });
  check(completion.items.some((i) => i.label === "H200-SXM-141GB"), `completion after gpu: offers ${completion.items.length} GPUs`);

  const actions = await connection.sendRequest(rpc.CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const edit = actions[0].edit.changes[uri][0];
  check(actions.length === 1 && edit.newText.startsWith("suppress:\n  - { rule: DPL1001, reason: "), `code action: ${actions[0].title}`);

  await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: bad + edit.newText }] });
  const suppressed = await next((p) => p.uri === uri && p.version === 2, "diagnostics after the quick fix");
  check(suppressed.diagnostics.length === 0, "the applied quick fix silences DPL1001");

  await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: bad.replace("Llama-3.1-70B-Instruct", "Llama-3.1-8B-Instruct") }] });
  const fixed = await next((p) => p.uri === uri && p.version === 3, "diagnostics after the fix");
  check(fixed.diagnostics.length === 0, "an 8B model fits one H100: no diagnostics");

  await connection.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const closed = await next((p) => p.uri === uri && p.diagnostics.length === 0, "diagnostics cleared on close");
  check(closed !== undefined, "close clears the diagnostics");

  await connection.sendRequest(rpc.ShutdownRequest.type);
  await connection.sendNotification(rpc.ExitNotification.type);
  const code = await new Promise((resolve) => server.on("exit", (exitCode) => resolve(exitCode)));
  check(code === 0, `shutdown and exit: exit code ${code}`);
} catch (error) {
  check(false, String(error));
  server.kill();
}
connection.dispose();
process.exit(failures === 0 ? 0 : 1);
