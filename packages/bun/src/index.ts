/**
 * `Pool` and `Process` bound to Bun's workers: Bun's Web Workers (kind `"thread"`) and
 * `Bun.spawn` with IPC (kind `"process"`). Same names and behaviour as `@multiproc/node` and
 * `@multiproc/deno`. Everything a user needs (core's user API is re-exported here), and nothing of
 * core's internals.
 *
 * @module @multiproc/bun
 */
import type { AnyFunction, PoolOptions, ProcessOptions, TaskName } from "@multiproc/core";
import { Pool as CorePool, Process as CoreProcess } from "@multiproc/core/adapter";
import { bunAdapter } from "./bun-adapter.ts";

export * from "@multiproc/core";

/**
 * Python's `multiprocessing.Pool` on Bun: Bun's Web Workers (kind "thread", the default) or
 * `Bun.spawn` subprocesses with IPC (kind "process") running the exports of one task module.
 */
export class Pool<M extends object = Record<string, AnyFunction>> extends CorePool<M> {
  constructor(options: PoolOptions) {
    super(options, bunAdapter);
  }
}

/** Python's `multiprocessing.Process` on Bun: one worker runs one export, then ends. */
export class Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> extends CoreProcess<M, K> {
  constructor(options: ProcessOptions<M, K>) {
    super(options, bunAdapter);
  }
}
