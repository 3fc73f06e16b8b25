/**
 * `Pool` and `Process` bound to Deno's workers: Web Workers (kind `"thread"`) and `deno run`
 * subprocesses (kind `"process"`). Same names and behaviour as `@multiproc/node` and
 * `@multiproc/bun`. Everything a user needs (core's user API is re-exported here), and nothing of
 * core's internals.
 *
 * @module @multiproc/deno
 */
import type { AnyFunction, PoolOptions, ProcessOptions, TaskName } from "@multiproc/core";
import { Pool as CorePool, Process as CoreProcess } from "@multiproc/core/adapter";
import { denoAdapter } from "./deno-adapter.ts";

export * from "@multiproc/core";

/**
 * Python's `multiprocessing.Pool` on Deno: Web Workers (kind "thread", the default) or
 * `deno run` subprocesses (kind "process") running the exports of one task module.
 */
export class Pool<M extends object = Record<string, AnyFunction>> extends CorePool<M> {
  constructor(options: PoolOptions) {
    super(options, denoAdapter);
  }
}

/** Python's `multiprocessing.Process` on Deno: one worker runs one export, then ends. */
export class Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> extends CoreProcess<M, K> {
  constructor(options: ProcessOptions<M, K>) {
    super(options, denoAdapter);
  }
}
