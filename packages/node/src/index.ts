/**
 * `Pool` and `Process` bound to Node's workers: `worker_threads` (kind `"thread"`) and
 * `child_process.fork` (kind `"process"`). Same names and behaviour as `@multiproc/deno` and
 * `@multiproc/bun`. Everything a user needs (core's user API is re-exported here), and nothing of
 * core's internals.
 *
 * @module @multiproc/node
 */
import {
  type AnyFunction,
  InvalidArgumentError,
  type PoolOptions,
  type ProcessOptions,
  type TaskName,
} from "@multiproc/core";
import { Pool as CorePool, Process as CoreProcess } from "@multiproc/core/adapter";
import { nodeAdapter } from "./node-adapter.ts";
import { TinypoolEngine } from "./tinypool-engine.ts";

export * from "@multiproc/core";

/** Pool options on Node: the common ones, and which engine runs the tasks. */
export interface NodePoolOptions extends PoolOptions {
  /** "multiproc" (default) or "tinypool": the same API on tinypool's workers and queue. */
  engine?: "multiproc" | "tinypool" | undefined;
}

/**
 * Python's `multiprocessing.Pool` on Node: worker threads (kind "thread", the default) or child
 * processes (kind "process") running the exports of one task module.
 */
export class Pool<M extends object = Record<string, AnyFunction>> extends CorePool<M> {
  constructor(options: NodePoolOptions) {
    const engine = options?.engine;
    if (engine !== undefined && engine !== "multiproc" && engine !== "tinypool") {
      throw new InvalidArgumentError(
        `engine must be "multiproc" or "tinypool", not ${JSON.stringify(engine)}`,
      );
    }
    super(
      options,
      nodeAdapter,
      engine === "tinypool" ? (resolved) => new TinypoolEngine(resolved) : undefined,
    );
  }
}

/** Python's `multiprocessing.Process` on Node: one worker runs one export, then ends. */
export class Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> extends CoreProcess<M, K> {
  constructor(options: ProcessOptions<M, K>) {
    super(options, nodeAdapter);
  }
}
