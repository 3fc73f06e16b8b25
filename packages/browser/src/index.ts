/**
 * `Pool` and `Process` in the browser, on module Web Workers (kind `"thread"`, the only kind: a
 * page has no processes). Same names and behaviour as `@multiproc/node`, `@multiproc/deno` and
 * `@multiproc/bun`. Everything a user needs (core's user API is re-exported here), and nothing of
 * core's internals.
 *
 * @module @multiproc/browser
 */
import type { AnyFunction, TaskName } from "@multiproc/core";
import {
  type BoundPool,
  type BoundProcess,
  bindAdapter,
  type Pool as CorePool,
  type Process as CoreProcess,
} from "@multiproc/core/adapter";
import { browserAdapter } from "./browser-adapter.ts";
import { refusingProcessKind } from "./kinds.ts";

export * from "@multiproc/core";

const bound = bindAdapter(browserAdapter);

/**
 * Python's `multiprocessing.Pool` in a page: module Web Workers running the exports of one task
 * module. Module URLs may be relative: they resolve against the page.
 */
export const Pool: BoundPool = refusingProcessKind(bound.Pool);
/** A pool of Web Workers (the instance type of {@link Pool}). */
export type Pool<M extends object = Record<string, AnyFunction>> = CorePool<M>;

/** Python's `multiprocessing.Process` in a page: one Web Worker runs one export, then ends. */
export const Process: BoundProcess = refusingProcessKind(bound.Process);
/** One Web Worker running one export (the instance type of {@link Process}). */
export type Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> = CoreProcess<M, K>;
