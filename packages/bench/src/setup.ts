// Before anything is measured: the module found, the runtimes found with their adapters, and each
// runtime's check (it loads the adapter and the module, and lists the exports). Bad input throws a
// UsageError, a runtime that cannot load the module a BenchFailure; a missing runtime is skipped.
import { existsSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { adapterPackages, resolveAdapter, resolveTsx } from "./adapters.ts";
import type { CheckResult, ChildResult, ChildSpec, FailResult } from "./child/protocol.ts";
import { type BenchOptions, type JsRuntimeId, UsageError } from "./options.ts";
import { runChild } from "./run-child.ts";
import { type FoundRuntime, findRuntime, labels, type RuntimeId } from "./runtimes.ts";
import type { BenchRuntime } from "./schema.ts";

/** A failure of the run itself, not of its input: exit code 1. */
export class BenchFailure extends Error {
  override name = "BenchFailure";
}

/** A runtime that will run cells. */
export interface UsedRuntime extends FoundRuntime {
  /** The adapter's entry URL (null for Python). */
  adapter: string | null;
  /** tsx's ESM API, for a TypeScript module on Node. */
  tsx?: string;
  /** The arguments that run `script` with one JSON argument on this runtime. */
  argv(script: string, json: string): string[];
}

export const childScript = fileURLToPath(new URL("./child/bench-child.js", import.meta.url));

export function argvFor(id: RuntimeId): UsedRuntime["argv"] {
  // Deno: every permission (the task is the user's own code), and no deno.lock left in their project.
  if (id === "deno") return (script, json) => ["run", "-A", "--no-lock", "--quiet", script, json];
  return (script, json) => [script, json];
}

/** The task module's absolute path, or a UsageError. */
export function findModule(module: string, cwd: string): string {
  const path = resolve(cwd, module);
  if (!existsSync(path)) throw new UsageError(`--module ${module}: no such file (${path})`);
  if (!statSync(path).isFile()) throw new UsageError(`--module ${module}: not a file (${path})`);
  return path;
}

/** The JavaScript runtimes asked for: those found with their adapter, and a record of each. */
export function findJsRuntimes(
  options: BenchOptions,
  modulePath: string,
  cwd: string,
): { used: UsedRuntime[]; records: BenchRuntime[] } {
  const used: UsedRuntime[] = [];
  const records: BenchRuntime[] = [];
  const typescript = /^\.[mc]?tsx?$/.test(extname(modulePath));
  for (const id of options.runtimes) {
    const found = findRuntime(id, options.runtimePaths[id], cwd);
    if (!found.ok) {
      records.push(missing(id, found.reason));
      continue;
    }
    const adapter = resolveAdapter(id, modulePath, cwd);
    if (!adapter) {
      const pkg = adapterPackages[id];
      records.push(
        missing(
          id,
          `${pkg} is not installed where ${options.module} can import it (npm install ${pkg})`,
          found.runtime,
        ),
      );
      continue;
    }
    const tsx = id === "node" && typescript ? resolveTsx(modulePath, cwd) : undefined;
    used.push({ ...found.runtime, adapter, ...(tsx ? { tsx } : {}), argv: argvFor(id) });
    records.push({ ...record(found.runtime), status: "used", adapter: adapterPackages[id] });
  }
  return { used, records };
}

export function missing(id: RuntimeId, reason: string, runtime?: FoundRuntime): BenchRuntime {
  return {
    id,
    label: labels[id],
    status: "missing",
    version: runtime?.version ?? null,
    binary: runtime?.binary ?? null,
    adapter: null,
    reason,
  };
}

export function record(runtime: FoundRuntime): Omit<BenchRuntime, "status" | "adapter"> {
  return { id: runtime.id, label: runtime.label, version: runtime.version, binary: runtime.binary };
}

/** The spec of a child on this runtime, for `op` and a mode. */
export function specFor(runtime: UsedRuntime, base: Omit<ChildSpec, "adapter" | "tsx">): ChildSpec {
  return { ...base, adapter: runtime.adapter ?? "", ...(runtime.tsx ? { tsx: runtime.tsx } : {}) };
}

/**
 * Each runtime loads the adapter and the module once (in parallel); then the task must be one of
 * the module's function exports.
 */
export async function checkRuntimes(
  runtimes: UsedRuntime[],
  options: Pick<BenchOptions, "module" | "task">,
  modulePath: string,
  callsFile: string,
  cwd: string,
): Promise<void> {
  const answers = await Promise.all(
    runtimes.map(async (runtime) => {
      const spec = specFor(runtime, {
        op: "check",
        mode: "main",
        kind: null,
        workers: null,
        module: pathToFileURL(modulePath).href,
        task: options.task,
        callsFile,
        single: true,
      });
      const outcome = await runChild<ChildResult>(
        runtime.binary,
        runtime.argv(childScript, JSON.stringify(spec)),
        {
          cwd,
          timeoutMs: 60_000,
        },
      );
      return { runtime, outcome };
    }),
  );
  const problems: string[] = [];
  let exports: CheckResult | undefined;
  for (const { runtime, outcome } of answers) {
    const who = `${runtime.label} ${runtime.version}`;
    const result = outcome.result;
    if (result === undefined) {
      problems.push(`${who} could not run the check (${outcome.exit}): ${tail(outcome.stderr)}`);
    } else if (!result.ok) {
      const what =
        (result as FailResult).phase === "adapter"
          ? `${adapterPackages[runtime.id as JsRuntimeId]} (${runtime.adapter})`
          : `the module ${options.module}`;
      problems.push(
        `${who} cannot load ${what}: ${result.error.name}: ${result.error.message}${tsxHint(runtime, modulePath)}`,
      );
    } else exports ??= result as CheckResult;
  }
  if (problems.length) throw new BenchFailure(problems.join("\n"));
  if (exports && !exports.functions.includes(options.task)) {
    const listed = exports.functions.length ? exports.functions.join(", ") : "none";
    const not = exports.exports.includes(options.task)
      ? ` ("${options.task}" is exported but is not a function)`
      : "";
    throw new UsageError(
      `--task ${options.task}: ${options.module} has no function export "${options.task}"${not}; its function exports: ${listed}`,
    );
  }
}

/** For Node without type stripping and without tsx where the module is: what to do. */
function tsxHint(runtime: UsedRuntime, modulePath: string): string {
  if (runtime.id !== "node" || runtime.tsx || !/^\.[mc]?tsx?$/.test(extname(modulePath))) return "";
  return " (Node before 22.18 loads a TypeScript module through tsx: npm install --save-dev tsx)";
}

/** The last lines of a child's stderr, for a message. */
export function tail(stderr: string): string {
  return stderr.trim().split("\n").slice(-4).join(" | ") || "(no output)";
}
