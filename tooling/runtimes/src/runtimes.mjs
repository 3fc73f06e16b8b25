// The runtimes this workspace tests on, and how to start a script under each. Every binary comes
// from the workspace itself (root devDependencies, and @multiproc/node24), never from a global install.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { node24Path } from "@multiproc/node24";

/** The workspace root: the folder holding pnpm-workspace.yaml. */
export const workspaceRoot = findUp(dirname(fileURLToPath(import.meta.url)), "pnpm-workspace.yaml");

const bin = (name) => join(workspaceRoot, "node_modules", ".bin", name);

/**
 * @typedef {object} Runtime
 * @property {"node20" | "node24" | "deno" | "bun"} id
 * @property {"node" | "deno" | "bun"} name   what the runtime calls itself from inside
 * @property {string} binary
 * @property {(script: string, args: string[]) => string[]} argv   arguments to run a JS file
 */

/** @type {Runtime[]} */
export const runtimes = [
  { id: "node20", name: "node", binary: systemNode(), argv: (s, a) => [s, ...a] },
  { id: "node24", name: "node", binary: node24Path, argv: (s, a) => [s, ...a] },
  { id: "deno", name: "deno", binary: bin("deno"), argv: (s, a) => ["run", "-A", s, ...a] },
  { id: "bun", name: "bun", binary: bin("bun"), argv: (s, a) => ["--bun", s, ...a] },
];

export const runtimeIds = runtimes.map((r) => r.id);

/** Looks runtimes up by id; an unknown id is an error that lists the known ones. */
export function selectRuntimes(ids) {
  return ids.map((id) => {
    const found = runtimes.find((r) => r.id === id);
    if (!found) throw new Error(`unknown runtime "${id}"; known: ${runtimeIds.join(", ")}`);
    return found;
  });
}

/** The version the binary reports of itself (`--version`), or null when it is missing. */
export function binaryVersion(runtime) {
  if (!existsSync(runtime.binary)) return null;
  const out = execFileSync(runtime.binary, ["--version"], { encoding: "utf8" });
  const match = /(\d+\.\d+\.\d+)/.exec(out);
  if (!match) throw new Error(`${runtime.id}: cannot read a version from "${out.trim()}"`);
  return match[1];
}

// The machine's own Node (20 here): the first `node` on PATH, so that the answer is the same
// whichever runtime asks. process.execPath would be Deno's or Bun's binary under those.
function systemNode() {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "node");
    if (dir && existsSync(candidate) && !candidate.startsWith(dirname(node24Path))) return candidate;
  }
  return process.execPath;
}

function findUp(dir, file) {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, file))) return d;
    if (dirname(d) === d) throw new Error(`no ${file} above ${dir}`);
  }
}
