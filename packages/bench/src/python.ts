// --python FILE.py:FN: Python's multiprocessing beside the JavaScript cells. python3 is found on
// PATH (or --runtime-path python=…); a missing one is reported and skipped like a missing JS
// runtime. Its cells (main, Pool.map, Pool.imap, one Process per item; processes only, as Python's
// threads share one interpreter lock) run in the same interleaved rounds, each in a fresh python3.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckResult, ChildResult, FailResult } from "./child/protocol.ts";
import type { PlannedCell } from "./measure.ts";
import { type BenchOptions, UsageError } from "./options.ts";
import { runChild } from "./run-child.ts";
import { findRuntime } from "./runtimes.ts";
import type { BenchMode, BenchRuntime } from "./schema.ts";
import { argvFor, BenchFailure, missing, record, tail, type UsedRuntime } from "./setup.ts";
import type { WorkItems } from "./work-items.ts";

/** The Python child, shipped in the package's src/ (beside dist/, so this path holds from both). */
export const pythonScript = fileURLToPath(new URL("../src/python/bench_child.py", import.meta.url));

/** What the Python child is given (see src/python/bench_child.py). */
export interface PythonSpec {
  op: "check" | "run";
  mode: BenchMode;
  workers: number | null;
  /** The .py file, absolute. */
  file: string;
  function: string;
  callsFile: string;
  single: boolean;
}

export interface PythonTask {
  file: string;
  function: string;
}

/** `--python tasks.py:fn` split and its file found (a UsageError when it is not there). */
export function pythonTask(option: string, cwd: string): PythonTask {
  const at = option.lastIndexOf(":");
  const given = option.slice(0, at);
  const file = resolve(cwd, given);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new UsageError(`--python ${option}: no such file ${given} (${file})`);
  }
  return { file, function: option.slice(at + 1) };
}

/** python3, found and recorded; `used` is undefined when it is missing. */
export function findPython(
  options: BenchOptions,
  cwd: string,
): { used: UsedRuntime | undefined; record: BenchRuntime } {
  const found = findRuntime("python", options.runtimePaths.python, cwd);
  if (!found.ok) return { used: undefined, record: missing("python", found.reason) };
  return {
    used: { ...found.runtime, adapter: null, argv: argvFor("python") },
    record: { ...record(found.runtime), status: "used", adapter: null },
  };
}

/** Python imports the file once: it must load, and the function must be one of its functions. */
export async function checkPython(
  python: UsedRuntime,
  task: PythonTask,
  option: string,
  callsFile: string,
  cwd: string,
): Promise<void> {
  const spec: PythonSpec = {
    op: "check",
    mode: "main",
    workers: null,
    ...task,
    callsFile,
    single: true,
  };
  const outcome = await runChild<ChildResult>(
    python.binary,
    python.argv(pythonScript, JSON.stringify(spec)),
    {
      cwd,
      timeoutMs: 60_000,
    },
  );
  const who = `${python.label} ${python.version}`;
  const result = outcome.result;
  if (result === undefined) {
    throw new BenchFailure(`${who} could not run the check (${outcome.exit}): ${tail(outcome.stderr)}`);
  }
  if (!result.ok) {
    const { error } = result as FailResult;
    throw new BenchFailure(
      `${who} cannot load ${option.slice(0, option.lastIndexOf(":"))}: ${error.name}: ${error.message}`,
    );
  }
  const { functions } = result as CheckResult;
  if (!functions.includes(task.function)) {
    throw new UsageError(
      `--python ${option}: no function "${task.function}" in it; its functions: ${functions.join(", ") || "none"}`,
    );
  }
}

/** Python's cells: main once, then map, imap and process for every worker count (processes only). */
export function planPythonCells(
  python: UsedRuntime,
  task: PythonTask,
  options: BenchOptions,
  items: WorkItems,
  callsFile: string,
): PlannedCell[] {
  const modes = options.modes.filter((m) => m !== "imap" || items.single);
  const cells: [BenchMode, number | null][] = [
    ...(modes.includes("main") ? [["main", null] as [BenchMode, null]] : []),
    ...modes
      .filter((m) => m !== "main")
      .flatMap((m) => options.workers.map((w): [BenchMode, number] => [m, w])),
  ];
  return cells.map(([mode, workers]) => {
    const spec: PythonSpec = { op: "run", mode, workers, ...task, callsFile, single: items.single };
    return {
      cell: {
        id: ["python", mode, mode === "main" ? null : "process", workers].filter((x) => x !== null).join("/"),
        runtime: "python",
        runtimeLabel: python.label,
        runtimeVersion: python.version,
        mode,
        kind: mode === "main" ? null : "process",
        workers,
        items: items.calls.length,
        runsMs: [],
        peaks: [],
        stats: null,
      },
      runtime: python,
      script: pythonScript,
      spec,
    };
  });
}
