/**
 * `Pool` and `Process` bound to Node's workers: `worker_threads` (kind `"thread"`) and
 * `child_process.fork` (kind `"process"`). Same names and behaviour as `@multiproc/deno` and
 * `@multiproc/bun`. Everything a user needs (core's user API is re-exported here), and nothing of
 * core's internals. The same Pool on tinypool's workers is `@multiproc/node/tinypool`.
 *
 * @module @multiproc/node
 */
import type { AnyFunction, TaskName } from "@multiproc/core";
import {
  type BoundPool,
  type BoundProcess,
  bindAdapter,
  type Pool as CorePool,
  type Process as CoreProcess,
} from "@multiproc/core/adapter";
import { nodeAdapter } from "./node-adapter.ts";

export * from "@multiproc/core";

const bound = bindAdapter(nodeAdapter);

/**
 * Python's `multiprocessing.Pool` on Node: worker threads (kind "thread", the default) or child
 * processes (kind "process") running the exports of one task module.
 */
export const Pool: BoundPool = bound.Pool;
/** A pool of Node workers (the instance type of {@link Pool}). */
export type Pool<M extends object = Record<string, AnyFunction>> = CorePool<M>;

/** Python's `multiprocessing.Process` on Node: one worker runs one export, then ends. */
export const Process: BoundProcess = bound.Process;
/** One Node worker running one export (the instance type of {@link Process}). */
export type Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> = CoreProcess<M, K>;
