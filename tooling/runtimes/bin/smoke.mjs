#!/usr/bin/env node
// Starts a tiny script under every workspace runtime and prints what each says of itself from
// inside: proof that `pnpm install` gave this machine Node 20, Node 24, Deno and Bun.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { binaryVersion, runtimes } from "../src/runtimes.mjs";

const script = fileURLToPath(new URL("../src/print-runtime.mjs", import.meta.url));
let missing = 0;
for (const runtime of runtimes) {
  if (binaryVersion(runtime) === null) {
    console.log(`${runtime.id.padEnd(7)} missing: ${runtime.binary} (run pnpm install)`);
    missing++;
    continue;
  }
  const run = spawnSync(runtime.binary, runtime.argv(script, []), { encoding: "utf8" });
  const said = run.status === 0 ? run.stdout.trim() : `failed (exit ${run.status}): ${run.stderr.trim()}`;
  console.log(`${runtime.id.padEnd(7)} ${said}`);
  if (run.status !== 0) missing++;
}
process.exit(missing === 0 ? 0 : 1);
