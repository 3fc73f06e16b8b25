/**
 * `Pool` and `Process` bound to Deno's workers: Web Workers (kind `"thread"`) and `deno run`
 * subprocesses (kind `"process"`). Same names and behaviour as `@multiproc/node` and
 * `@multiproc/bun`. Everything a user needs (core's user API is re-exported here), and nothing of
 * core's internals.
 *
 * @module @multiproc/deno
 */
import type { AnyFunction, TaskName } from "@multiproc/core";
import {
  type BoundPool,
  type BoundProcess,
  bindAdapter,
  type Pool as CorePool,
  type Process as CoreProcess,
} from "@multiproc/core/adapter";
import { denoAdapter } from "./deno-adapter.ts";

export * from "@multiproc/core";

const bound = bindAdapter(denoAdapter);

/**
 * Python's `multiprocessing.Pool` on Deno: Web Workers (kind "thread", the default) or
 * `deno run` subprocesses (kind "process") running the exports of one task module.
 */
export const Pool: BoundPool = bound.Pool;
/** A pool of Deno workers (the instance type of {@link Pool}). */
export type Pool<M extends object = Record<string, AnyFunction>> = CorePool<M>;

/** Python's `multiprocessing.Process` on Deno: one worker runs one export, then ends. */
export const Process: BoundProcess = bound.Process;
/** One Deno worker running one export (the instance type of {@link Process}). */
export type Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> = CoreProcess<M, K>;
