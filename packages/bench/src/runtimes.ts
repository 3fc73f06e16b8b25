// Finding the runtimes: --runtime-path first, then (Node) the Node running this command, (Deno,
// Bun, Python, and Node when the command runs on Deno or Bun) PATH and the project's
// node_modules/.bin. npm's deno and bun packages put a wrapper there; the runtime is asked for its own
// executable, so the tree measured is the runtime's own.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import type { JsRuntimeId } from "./options.ts";

export type RuntimeId = JsRuntimeId | "python";

export const labels: Record<RuntimeId, string> = { node: "Node", deno: "Deno", bun: "Bun", python: "Python" };

export interface FoundRuntime {
  id: RuntimeId;
  label: string;
  binary: string;
  version: string;
}

export type Lookup = { ok: true; runtime: FoundRuntime } | { ok: false; reason: string };

const command: Record<RuntimeId, string> = { node: "node", deno: "deno", bun: "bun", python: "python3" };

export function findRuntime(id: RuntimeId, given: string | undefined, cwd: string): Lookup {
  let candidate = given;
  if (candidate !== undefined && !isFile(candidate)) {
    return { ok: false, reason: `--runtime-path ${id}=${candidate}: no such file` };
  }
  candidate ??= id === "node" && onNode() ? process.execPath : onPath(command[id], cwd);
  if (candidate === undefined) {
    return {
      ok: false,
      reason: `${command[id]} is not on PATH nor in node_modules/.bin (give --runtime-path ${id}=/path/to/${command[id]})`,
    };
  }
  try {
    const binary = ownExecutable(id, candidate);
    return { ok: true, runtime: { id, label: labels[id], binary, version: versionOf(id, binary) } };
  } catch (error) {
    return { ok: false, reason: `${candidate} does not run: ${firstLine(error)}` };
  }
}

/** True when this command runs on Node itself: launched from Deno or Bun, Node is looked for on PATH. */
function onNode(): boolean {
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  return g.Deno === undefined && g.Bun === undefined;
}

function onPath(name: string, cwd: string): string | undefined {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (let dir = cwd; ; dir = dirname(dir)) {
    dirs.push(join(dir, "node_modules", ".bin"));
    if (dirname(dir) === dir) break;
  }
  return dirs.map((dir) => join(dir, name)).find(isFile);
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

const ask = (binary: string, args: string[]) =>
  execFileSync(binary, args, { encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "pipe"] }).trim();

function ownExecutable(id: RuntimeId, binary: string): string {
  if (id === "deno") return ask(binary, ["eval", "console.log(Deno.execPath())"]);
  if (id === "bun") return ask(binary, ["-e", "console.log(process.execPath)"]);
  if (id === "python") return ask(binary, ["-c", "import sys; print(sys.executable)"]) || binary;
  return binary;
}

function versionOf(id: RuntimeId, binary: string): string {
  const text = ask(binary, ["--version"]);
  const version = /(\d+\.\d+\.\d+)/.exec(text)?.[1];
  if (!version) throw new Error(`${id} --version said ${JSON.stringify(text)}`);
  return version;
}

function firstLine(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  return (e.stderr?.trim() || e.message || String(error)).split("\n")[0] ?? "";
}
