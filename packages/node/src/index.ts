/**
 * `Pool` and `Process` bound to Node's workers: `worker_threads` (kind `"thread"`) and
 * `child_process.fork` (kind `"process"`). Same names and behaviour as `@multiproc/deno` and
 * `@multiproc/bun`. Everything a user needs (core's user API is re-exported here), and nothing of
 * core's internals.
 *
 * @module @multiproc/node
 */
import { type AnyFunction, InvalidArgumentError, type PoolOptions, type TaskName } from "@multiproc/core";
import {
  type BoundPool,
  type BoundProcess,
  bindAdapter,
  type Pool as CorePool,
  type Process as CoreProcess,
  type EngineFactory,
} from "@multiproc/core/adapter";
import { nodeAdapter } from "./node-adapter.ts";
import { TinypoolEngine } from "./tinypool-engine.ts";

export * from "@multiproc/core";

/** Pool options on Node: the common ones, and which engine runs the tasks. */
export interface NodePoolOptions extends PoolOptions {
  /** "multiproc" (default) or "tinypool": the same API on tinypool's workers and queue. */
  engine?: "multiproc" | "tinypool" | undefined;
}

/** The engine a pool's options ask for: undefined for multiproc's own. */
function engineFor(options: NodePoolOptions): EngineFactory | undefined {
  const engine = options?.engine;
  if (engine === undefined || engine === "multiproc") return undefined;
  if (engine === "tinypool") return (resolved) => new TinypoolEngine(resolved);
  throw new InvalidArgumentError(`engine must be "multiproc" or "tinypool", not ${JSON.stringify(engine)}`);
}

const bound = bindAdapter(nodeAdapter, engineFor);

/**
 * Python's `multiprocessing.Pool` on Node: worker threads (kind "thread", the default) or child
 * processes (kind "process") running the exports of one task module.
 */
export const Pool: BoundPool<NodePoolOptions> = bound.Pool;
/** A pool of Node workers (the instance type of {@link Pool}). */
export type Pool<M extends object = Record<string, AnyFunction>> = CorePool<M>;

/** Python's `multiprocessing.Process` on Node: one worker runs one export, then ends. */
export const Process: BoundProcess = bound.Process;
/** One Node worker running one export (the instance type of {@link Process}). */
export type Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> = CoreProcess<M, K>;
