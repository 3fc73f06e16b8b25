// What the driver and a child agree on: the child's one JSON argument, and the one line it prints.

import type { BenchKind, BenchMode } from "../schema.ts";

/** The child's argument: what to check or run. */
export interface ChildSpec {
  /** `check`: load the adapter and the module, list the exports; `run`: one measured run. */
  op: "check" | "run";
  mode: BenchMode;
  kind: BenchKind | null;
  workers: number | null;
  /** The task module's file URL. */
  module: string;
  task: string;
  /** A JSON file holding the calls' argument lists. */
  callsFile: string;
  /** Each call has one argument: `map` and `imap` pass it as the item (else `starmap`). */
  single: boolean;
  /** The adapter's entry, a file URL resolved in the user's project. */
  adapter: string;
  /** Node only, for a TypeScript module on a Node that cannot strip types: tsx's `esm/api` entry. */
  tsx?: string;
  /** `map`/`imap`: tasks in flight per worker (the Pool's `concurrency`), when set. */
  concurrency?: number;
  /** `map`: the `chunksize` passed to `map`/`starmap`, when set. */
  chunksize?: number;
}

/** The prefix of the one line a child prints. */
export const RESULT_PREFIX = "MULTIPROC-BENCH ";

/** An error as it crosses the wire. */
export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string;
}

/** A check's answer: the module's exports, and whether the task is a function among them. */
export interface CheckResult {
  ok: true;
  exports: string[];
  functions: string[];
}

/** A measured run. */
export interface RunResult {
  ok: true;
  ms: number;
  /** `pool.stats()` after the results, where there is a pool. */
  stats: unknown;
  /** The child's own peak RSS (VmHWM) in KiB, where /proc has it. */
  ownPeakKiB: number | null;
}

/** A failure: where (which phase) and, for a task that threw, which item. */
export interface FailResult {
  ok: false;
  /** `adapter`, `module` (could not be loaded), `task` (the task threw), or `run` (anything else). */
  phase: "adapter" | "module" | "task" | "run";
  error: ErrorInfo;
  /** The index of the item whose call threw, when known. */
  item?: number;
}

export type ChildResult = CheckResult | RunResult | FailResult;
