// The messages between a pool (or Process) and a worker. Versioned: a worker built from another
// version of core answers "init" with a version failure instead of misreading the rest.
import type { SerializedError } from "./errors.ts";

export const PROTOCOL_VERSION = 1;

/**
 * How a call's `args` is read: absent, `fn(...args)`; "items", `fn(item)` for each item (map);
 * "argLists", `fn(...list)` for each argument list (starmap). A chunk's reply is a list of results.
 */
export type Chunk = "items" | "argLists";

export interface Call {
  id: number;
  fn: string;
  args: unknown[];
  chunk?: Chunk;
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
  /**
   * The worker is ending (a task called process.exit, …): it starts nothing more, and the calls
   * in `running` are the only ones it had started and not answered. The rest never ran.
   */
  | { t: "exiting"; running: number[] }
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
