/**
 * `Pool` and `Process` bound to Bun's workers: Bun's Web Workers (kind `"thread"`) and
 * `Bun.spawn` with IPC (kind `"process"`). Same names and behaviour as `@multiproc/node` and
 * `@multiproc/deno`. Everything a user needs (core's user API is re-exported here), and nothing of
 * core's internals.
 *
 * @module @multiproc/bun
 */
import type { AnyFunction, TaskName } from "@multiproc/core";
import {
  type BoundPool,
  type BoundProcess,
  bindAdapter,
  type Pool as CorePool,
  type Process as CoreProcess,
} from "@multiproc/core/adapter";
import { bunAdapter } from "./bun-adapter.ts";

export * from "@multiproc/core";

const bound = bindAdapter(bunAdapter);

/**
 * Python's `multiprocessing.Pool` on Bun: Bun's Web Workers (kind "thread", the default) or
 * `Bun.spawn` subprocesses with IPC (kind "process") running the exports of one task module.
 */
export const Pool: BoundPool = bound.Pool;
/** A pool of Bun workers (the instance type of {@link Pool}). */
export type Pool<M extends object = Record<string, AnyFunction>> = CorePool<M>;

/** Python's `multiprocessing.Process` on Bun: one worker runs one export, then ends. */
export const Process: BoundProcess = bound.Process;
/** One Bun worker running one export (the instance type of {@link Process}). */
export type Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> = CoreProcess<M, K>;
