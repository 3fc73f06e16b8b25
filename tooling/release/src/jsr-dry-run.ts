// `deno publish --dry-run` over the workspace, and what it said: the files of each package and how
// each bare import was rewritten for JSR. It works offline: the graph is local (workspace members
// and node_modules), and a dry run uploads nothing. Deno reads jsr.json only when publishing.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

/** A package as the dry run would publish it: its version and absolute file paths. */
export interface SimulatedPackage {
  version: string;
  files: string[];
}

/** A bare import and what Deno rewrote it to for JSR (`jsr:…` or `npm:…`). */
export interface UnfurledImport {
  specifier: string;
  /** The importing file's absolute path. */
  from: string;
  to: string;
}

/** What the dry run said. report(): a second run's output without the debug noise, for a person. */
export interface DryRunReport {
  command: string;
  ok: boolean;
  report: () => string;
  packages: Map<string, SimulatedPackage>;
  unfurled: UnfurledImport[];
}

/** Runs the dry run from the workspace root, so every package with a jsr.json is published together. */
export function dryRun(root: string): DryRunReport {
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

function deno(root: string, extra: string[]): { ok: boolean; output: string } {
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
function simulatedPackages(output: string): Map<string, SimulatedPackage> {
  const packages = new Map<string, SimulatedPackage>();
  let files: string[] | undefined;
  for (const line of output.split("\n")) {
    const start = /^Simulating publish of (@[^@\s]+)@(\S+) with files:/.exec(line);
    if (start?.[1] && start[2]) {
      files = [];
      packages.set(start[1], { version: start[2], files });
      continue;
    }
    const file = /^\s+(file:\/\/\S+) \(/.exec(line);
    if (file?.[1] && files) files.push(fileURLToPath(file[1]));
    else files = undefined;
  }
  return packages;
}

// "Unfurled specifier: @multiproc/core from file:///…/index.ts -> jsr:@multiproc/core@^0.0.0"
function unfurledImports(output: string): UnfurledImport[] {
  const imports = new Map<string, UnfurledImport>();
  for (const [, specifier = "", from = "", to = ""] of output.matchAll(
    /Unfurled specifier: (\S+) from (file:\S+) -> (\S+)/g,
  )) {
    imports.set(`${specifier} ${from}`, { specifier, from: fileURLToPath(from), to });
  }
  return [...imports.values()];
}
