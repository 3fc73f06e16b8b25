// The driver's command line. Everything has a default, so `<runtime> dist/driver.js` alone is a run.
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";

/** One chaos run's settings. */
export interface DriverOptions {
  tasks: number;
  kind: "thread" | "process";
  seed: number;
  workers: number;
  /** Tasks outstanding at once. */
  window: number;
  /** The SIGKILL storm (kind "process" only). */
  storm: boolean;
  /** Ms before the run counts as hung. */
  deadline: number;
  /** The start log's path. */
  log: string;
  /** The driver chose the log's path, so it removes the log at the end. */
  ownLog: boolean;
}

/** The driver's options from its arguments; a bad value is an error naming the option. */
export function parseDriverArgs(argv: string[]): DriverOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: "string", default: "1500" },
      kind: { type: "string", default: "thread" },
      seed: { type: "string", default: String(Date.now() % 1_000_000) },
      workers: { type: "string", default: "3" },
      window: { type: "string", default: "48" },
      storm: { type: "string", default: "auto" },
      deadline: { type: "string" },
      log: { type: "string" },
    },
  });
  const kind = values.kind;
  if (kind !== "thread" && kind !== "process")
    throw new Error(`--kind must be thread or process, not ${kind}`);
  const tasks = count("tasks", values.tasks);
  return {
    tasks,
    kind,
    seed: count("seed", values.seed),
    workers: count("workers", values.workers),
    window: count("window", values.window),
    // Signals kill processes only: threads get every other kind of chaos.
    storm: values.storm === "auto" ? kind === "process" : values.storm === "on",
    // A hang guard, far above a normal run's length.
    deadline: values.deadline ? count("deadline", values.deadline) : 60_000 + tasks * 30,
    log: values.log ?? join(tmpdir(), `multiproc-chaos-${process.pid}.log`),
    ownLog: values.log === undefined,
  };
}

function count(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not ${text}`);
  return n;
}
