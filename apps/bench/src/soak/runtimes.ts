// How to start soak.js under each runtime: the workspace's own binaries, each with its way of
// allowing a forced full GC, so that live memory can be told from garbage not yet collected.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// Built beside this file in dist/soak/: every runtime runs the same JavaScript.
const script = join(here, "soak.js");
/** apps/bench (dist/soak/../..): Deno resolves @multiproc/* from its node_modules. */
export const benchDir = join(here, "..", "..");
const bin = (name: string) => join(benchDir, "..", "..", "node_modules", ".bin", name);

export type RuntimeName = "node" | "deno" | "bun";

/** A runtime's binary, and its arguments given extra V8 flags (`v8`: "--a,--b", or ""). */
export interface SoakRuntime {
  binary: string;
  argv(args: string[], v8: string): string[];
}

export const runtimes: Record<RuntimeName, SoakRuntime> = {
  node: {
    binary: process.execPath,
    argv: (args, v8) => ["--expose-gc", ...(v8 ? v8.split(",") : []), script, ...args],
  },
  deno: {
    binary: bin("deno"),
    argv: (args, v8) => ["run", "-A", `--v8-flags=--expose-gc${v8 ? `,${v8}` : ""}`, script, ...args],
  },
  // Bun.gc(true) needs no flag; JavaScriptCore takes no V8 flags.
  bun: { binary: bin("bun"), argv: (args) => [script, ...args] },
};

/** The runtimes named (comma-separated, or "all"); a missing binary is an error that says so. */
export function pickRuntimes(names: string): (SoakRuntime & { name: RuntimeName })[] {
  const list = names === "all" ? Object.keys(runtimes) : names.split(",");
  return list.map((name) => {
    if (!Object.hasOwn(runtimes, name))
      throw new Error(`unknown runtime "${name}"; known: ${Object.keys(runtimes).join(", ")}`);
    const runtime = runtimes[name as RuntimeName];
    if (!existsSync(runtime.binary))
      throw new Error(`${name}: no binary at ${runtime.binary} (pnpm install)`);
    return { name: name as RuntimeName, ...runtime };
  });
}
