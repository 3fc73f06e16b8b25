import type { WorkerKind } from "@multiproc/core";

/**
 * The whole programs testPrograms() runs, one per behaviour; a runtime that cannot show one
 * declares it in `unsupported`, with the reason.
 *
 * - `"forgottenClose"`: a program that never calls close() exits by itself once idle.
 * - `"resultBeforeExit"`: a big result sent just before a task's process.exit() arrives.
 * - `"noLineAfterExit"`: no line of a task runs after its process.exit(); the task rejects.
 * - `"terminateHeldTask"`: terminate() ends a task that holds on, within `terminateGrace`, and leaves no worker.
 * - `"uncloneableInitArgs"`: initArgs that cannot be cloned are refused; the program still exits.
 * - `"typescript"`: a TypeScript task module loads, in a Pool and in a Process.
 * - `"runawayMemory"`: a task allocating without end under maxMemory: the program survives it.
 * - `"orphans"`: worker processes end within about a second of their program's end by a signal
 *   sent to it alone (SIGTERM, SIGINT, SIGKILL), even busy in a CPU loop (kind "process" only).
 */
export type ProgramName =
  | "forgottenClose"
  | "resultBeforeExit"
  | "noLineAfterExit"
  | "terminateHeldTask"
  | "uncloneableInitArgs"
  | "typescript"
  | "orphans"
  | "runawayMemory";

/** How to run a plain `.mjs` program on the runtime under test. */
export interface ProgramRuntime {
  /** The runtime's executable: `process.execPath` on Node and Bun, `Deno.execPath()` on Deno. */
  command: string;
  /** Arguments before the program's path: `["run", "-A"]` on Deno. */
  args?: string[];
}

/** What testPrograms() tests: an adapter, as programs import it, on its runtime. */
export interface ProgramsTarget {
  /** The adapter's package name, as a user's program imports it: `"@multiproc/node"`. */
  adapter: string;
  /** Runs the fixture programs as separate processes. */
  runtime: ProgramRuntime;
  /** The kinds of worker to run every program with. */
  kinds: readonly WorkerKind[];
  /** Programs the runtime cannot run, each with the reason shown beside its skipped tests. */
  unsupported?: Partial<Record<ProgramName, string>>;
  /**
   * Where `adapter` is resolved from (a directory or file path or URL); default: the current
   * directory, the adapter package whose tests vitest runs.
   */
  resolveFrom?: string | URL;
  /** After this many ms a program is killed (with every process it started) and its test fails; default 30 000. */
  timeout?: number;
}
