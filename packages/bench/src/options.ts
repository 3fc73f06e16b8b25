// The command line, read into BenchOptions. A bad value throws a UsageError naming the option.
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import type { BenchKind, BenchMode } from "./schema.ts";

/** Bad input on the command line or in the files it names: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const jsRuntimes = ["node", "deno", "bun"] as const;
export type JsRuntimeId = (typeof jsRuntimes)[number];
const kinds: readonly BenchKind[] = ["thread", "process"];
const modes: readonly BenchMode[] = ["map", "imap", "process", "main"];

export interface BenchOptions {
  module: string;
  task: string;
  input?: string;
  range?: number;
  args?: unknown[];
  runtimes: JsRuntimeId[];
  kinds: BenchKind[];
  workers: number[];
  modes: BenchMode[];
  repetitions: number;
  warmup: number;
  /** Per child run, ms. */
  timeout: number;
  runtimePaths: Partial<Record<JsRuntimeId | "python", string>>;
  python?: string;
  json?: string;
  html?: string;
}

export const usage = `multiproc-bench: benchmark your task module on Node, Deno and Bun, threads and processes, Pool and Process.

  multiproc-bench --module ./tasks.ts --task resize (--input items.json | --range N | --args JSON) [options]

  --module FILE          the task module (its exports are the tasks)
  --task NAME            the export to benchmark
  --input FILE           a JSON array: one call per element, the element its argument
  --range N              the items 0 … N-1
  --args JSON            one call, with this JSON array as its arguments
  --runtimes LIST        node,deno,bun (default: all three; a missing one is reported and skipped)
  --kinds LIST           thread,process (default: both)
  --workers LIST         pool sizes, and Processes alive at once (default: 1,<CPUs>)
  --modes LIST           map,imap,process,main (default: all four)
  --repetitions N        timed rounds, each cell once per round in a fresh child process (default 5)
  --warmup N             untimed rounds first (default 1)
  --timeout MS           the longest one child run may take (default 120000)
  --runtime-path ID=PATH a runtime's binary, e.g. bun=/opt/bun/bin/bun (repeatable; also python=…)
  --python FILE:FN       also run Python's multiprocessing Pool.map and Process on FN from FILE
  --json FILE            write the report as JSON (schema: multiproc-bench/1)
  --html FILE            write a self-contained HTML report with charts
  --help                 this text

Exit codes: 0 done; 1 a runtime could not load the module, a task threw, or a run failed; 2 bad input.`;

export function parseOptions(argv: string[]): BenchOptions | { help: true } {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        module: { type: "string" },
        task: { type: "string" },
        input: { type: "string" },
        range: { type: "string" },
        args: { type: "string" },
        runtimes: { type: "string" },
        kinds: { type: "string" },
        workers: { type: "string" },
        modes: { type: "string" },
        repetitions: { type: "string" },
        warmup: { type: "string" },
        timeout: { type: "string" },
        "runtime-path": { type: "string", multiple: true },
        python: { type: "string" },
        json: { type: "string" },
        html: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };
  const text = (name: string) => values[name] as string | undefined;
  const module = text("module");
  const task = text("task");
  if (!module) throw new UsageError("--module is required: the task module, e.g. --module ./tasks.ts");
  if (!task) throw new UsageError("--task is required: the name of the export to benchmark");
  const sources = ["input", "range", "args"].filter((name) => values[name] !== undefined);
  if (sources.length !== 1) {
    throw new UsageError(
      sources.length === 0
        ? "give the items: --input FILE (a JSON array), --range N, or --args JSON (one call)"
        : `give one of --input, --range and --args, not ${sources.map((s) => `--${s}`).join(" and ")}`,
    );
  }
  const options: BenchOptions = {
    module,
    task,
    runtimes: list("runtimes", text("runtimes"), jsRuntimes, [...jsRuntimes]),
    kinds: list("kinds", text("kinds"), kinds, [...kinds]),
    workers: numbers("workers", text("workers")) ?? [...new Set([1, availableParallelism()])],
    modes: list("modes", text("modes"), modes, [...modes]),
    repetitions: count("repetitions", text("repetitions"), 5, 1),
    warmup: count("warmup", text("warmup"), 1, 0),
    timeout: count("timeout", text("timeout"), 120_000, 1),
    runtimePaths: runtimePaths((values["runtime-path"] as string[] | undefined) ?? []),
  };
  const input = text("input");
  if (input !== undefined) options.input = input;
  const range = text("range");
  if (range !== undefined) options.range = count("range", range, 0, 1);
  const args = text("args");
  if (args !== undefined) options.args = jsonArray("--args", args);
  for (const name of ["python", "json", "html"] as const) {
    const value = text(name);
    if (value !== undefined) options[name] = value;
  }
  if (options.python !== undefined && !/^.+\.py:[A-Za-z_]\w*$/.test(options.python)) {
    throw new UsageError(`--python ${options.python}: expected FILE.py:FUNCTION, e.g. tasks.py:resize`);
  }
  return options;
}

function list<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T[],
): T[] {
  if (value === undefined) return fallback;
  const items = value.split(",").map((s) => s.trim());
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new UsageError(`--${name}: ${item || "(empty)"} is not one of ${allowed.join(", ")}`);
    }
  }
  return [...new Set(items as T[])];
}

function numbers(name: string, value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  return [...new Set(value.split(",").map((s) => count(name, s.trim(), 0, 1)))].sort((a, b) => a - b);
}

function count(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value === "" || !Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name}: ${value || "(empty)"} is not a whole number ≥ ${min}`);
  }
  return n;
}

function runtimePaths(entries: string[]): BenchOptions["runtimePaths"] {
  const paths: BenchOptions["runtimePaths"] = {};
  for (const entry of entries) {
    const match = /^(node|deno|bun|python)=(.+)$/.exec(entry);
    if (!match?.[1] || !match[2]) {
      throw new UsageError(
        `--runtime-path ${entry}: expected ID=PATH with ID one of node, deno, bun, python`,
      );
    }
    paths[match[1] as JsRuntimeId | "python"] = match[2];
  }
  return paths;
}

/** Parses JSON that must be an array; `what` names its origin for the message. */
export function jsonArray(what: string, text: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) {
    const got = value === null ? "null" : typeof value === "object" ? "an object" : `a ${typeof value}`;
    throw new UsageError(`${what} must be a JSON array, but it holds ${got}`);
  }
  return value;
}
