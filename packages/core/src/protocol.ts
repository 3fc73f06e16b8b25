// The messages between a pool (or Process) and a worker. Versioned: a worker built from another
// version of core answers "init" with a version failure instead of misreading the rest.
import type { SerializedError } from "./errors.ts";

export const PROTOCOL_VERSION = 1;

/** Runs `fn(...args)`; with `chunk`, `args` is a list of argument lists and the reply a list of results. */
export interface Call {
  id: number;
  fn: string;
  args: unknown[];
  chunk?: boolean;
}

export type ToWorker =
  | {
      t: "init";
      v: number;
      module: string;
      initializer?: string | undefined;
      initArgs?: unknown[] | undefined;
      /** Calls the worker runs at once; later ones wait in its own FIFO queue. */
      concurrency?: number | undefined;
    }
  /** Calls in the order they must start; several per message on the hot path. */
  | { t: "calls"; calls: Call[] }
  /** Ends the worker once its calls are answered. */
  | { t: "stop" };

export type InitStage = "version" | "module" | "initializer";

export type FromWorker =
  | { t: "ready"; v: number }
  | { t: "init-failed"; stage: InitStage; error: SerializedError; available?: string[] }
  | { t: "ok"; id: number; value: unknown }
  | {
      t: "err";
      id: number;
      error: SerializedError;
      /** Set when the failure is multiproc's, not the task's own throw. */
      reason?: "unknown-task" | "unsendable-result";
      available?: string[];
    };
