/**
 * `Pool` and `Process` of the adapter for the runtime running this code: `@multiproc/node` on
 * Node, `@multiproc/deno` on Deno, `@multiproc/bun` on Bun, chosen when this module is imported
 * (by asking the runtime, not by package.json conditions, so test runners and bundlers that
 * resolve for Node while running on Deno or Bun still get the right one). They are the adapter's
 * own objects: `instanceof` holds against the adapter's classes, and the errors, `AsyncResult` and
 * the types are core's, re-exported here as the adapters do. A runtime whose adapter is missing
 * fails this import with an `AdapterNotFoundError` (from `@multiproc/auto/errors`).
 *
 * @module @multiproc/auto
 */
import type { AnyFunction, TaskName } from "@multiproc/core";
import type {
  BoundPool,
  BoundProcess,
  Pool as CorePool,
  Process as CoreProcess,
} from "@multiproc/core/adapter";
import { detectRuntime } from "./detect-runtime.ts";
import type { AdapterPackage } from "./errors.ts";
import { loadAdapter } from "./load-adapter.ts";

export * from "@multiproc/core";
export type { AdapterPackage } from "./errors.ts";

const chosen = await loadAdapter(detectRuntime());

/** The adapter package this runtime got: `"@multiproc/node"`, `"@multiproc/deno"` or `"@multiproc/bun"`. */
export const adapterPackage: AdapterPackage = chosen.name;

/**
 * Python's `multiprocessing.Pool` on the runtime running this code: the adapter's own `Pool`
 * (worker threads with kind "thread", the default, or worker processes with kind "process").
 */
export const Pool: BoundPool = chosen.module.Pool;
/** A pool of workers (the instance type of {@link Pool}). */
export type Pool<M extends object = Record<string, AnyFunction>> = CorePool<M>;

/** Python's `multiprocessing.Process` on the runtime running this code: the adapter's own `Process`. */
export const Process: BoundProcess = chosen.module.Process;
/** One worker running one export (the instance type of {@link Process}). */
export type Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> = CoreProcess<M, K>;
