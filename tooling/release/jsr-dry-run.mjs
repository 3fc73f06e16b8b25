// `deno publish --dry-run` over the workspace, and what it said: the files of each package and how
// each bare import was rewritten for JSR. It works offline: the graph is local (workspace members
// and node_modules), and a dry run uploads nothing. Deno reads jsr.json only when publishing.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

/** Runs the dry run from the workspace root, so every package with a jsr.json is published together. */
export function dryRun(root) {
  // --allow-dirty: CI and work in progress have uncommitted files; the real publish checks that.
  // -L debug: the only place Deno tells how it rewrote each import ("Unfurled specifier").
  const debug = deno(root, ["-L", "debug"]);
  return {
    command: "deno publish --dry-run --allow-dirty",
    ok: debug.ok,
    // On failure, a second run without the debug noise gives the report a person reads.
    report: () => deno(root, []).output.trim(),
    packages: simulatedPackages(debug.output),
    unfurled: unfurledImports(debug.output),
  };
}

function deno(root, extra) {
  const bin = join(root, "node_modules", ".bin", "deno");
  const run = spawnSync(bin, ["publish", "--dry-run", "--allow-dirty", ...extra], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", RUST_BACKTRACE: "0" },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (run.error) throw new Error(`cannot run ${bin}: ${run.error.message}`);
  // NO_COLOR does not reach every line (the type checker's hints), so colours are taken out here.
  return { ok: run.status === 0, output: stripVTControlCharacters(`${run.stdout}${run.stderr}`) };
}

// "Simulating publish of @s/n@1.0.0 with files:" then one "   file:///… (size)" line per file.
function simulatedPackages(output) {
  const packages = new Map();
  let files;
  for (const line of output.split("\n")) {
    const start = /^Simulating publish of (@[^@\s]+)@(\S+) with files:/.exec(line);
    if (start) {
      files = [];
      packages.set(start[1], { version: start[2], files });
      continue;
    }
    const file = /^\s+(file:\/\/\S+) \(/.exec(line);
    if (file && files) files.push(fileURLToPath(file[1]));
    else files = undefined;
  }
  return packages;
}

// "Unfurled specifier: @multiproc/core from file:///…/index.ts -> jsr:@multiproc/core@^0.0.0"
function unfurledImports(output) {
  const imports = new Map();
  for (const match of output.matchAll(/Unfurled specifier: (\S+) from (file:\S+) -> (\S+)/g)) {
    imports.set(`${match[1]} ${match[2]}`, {
      specifier: match[1],
      from: fileURLToPath(match[2]),
      to: match[3],
    });
  }
  return [...imports.values()];
}
