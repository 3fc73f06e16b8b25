/**
 * What users import: `Pool` and `Process` bound to this adapter, and core's user API (errors,
 * AsyncResult, the talk objects), re-exported. Nothing else belongs here.
 *
 * @module multiproc-adapter-template
 */
import type { AnyFunction, TaskName } from "@multiproc/core";
import {
  type BoundPool,
  type BoundProcess,
  bindAdapter,
  type Pool as CorePool,
  type Process as CoreProcess,
} from "@multiproc/core/adapter";
import { templateAdapter } from "./template-adapter.ts";

export * from "@multiproc/core";

// Core binds once: the classes it returns check options against the adapter and start its workers.
const bound = bindAdapter(templateAdapter);

// A value and a type of the same name each, so `new Pool<typeof import("./tasks.ts")>(…)`,
// `pool: Pool` and `x instanceof Pool` all work as they do with @multiproc/node.

/** Python's `multiprocessing.Pool`: worker threads (the default) or processes running one task module. */
export const Pool: BoundPool = bound.Pool;
/** A pool (the instance type of {@link Pool}). */
export type Pool<M extends object = Record<string, AnyFunction>> = CorePool<M>;

/** Python's `multiprocessing.Process`: one worker runs one export, then ends. */
export const Process: BoundProcess = bound.Process;
/** One worker running one export (the instance type of {@link Process}). */
export type Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> = CoreProcess<M, K>;
