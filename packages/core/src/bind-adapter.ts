// The one place an adapter's Pool and Process are made: core's classes, bound to the adapter,
// so that an adapter package's entry is a single call and every adapter's classes are alike.
import type { Adapter } from "./adapter.ts";
import type { EngineFactory } from "./engine.ts";
import type { PoolOptions } from "./options.ts";
import { Pool } from "./pool.ts";
import { Process, type ProcessOptions } from "./process.ts";
import type { AnyFunction, TaskName } from "./types.ts";

/** A Pool class bound to one adapter: `new Pool<typeof import("./tasks.ts")>({ module })`, `instanceof Pool`. */
export interface BoundPool<O extends PoolOptions = PoolOptions> {
  /** Makes a pool of the adapter's workers; `M` types its task names, arguments and results. */
  new <M extends object = Record<string, AnyFunction>>(options: O): Pool<M>;
  /** Core's Pool prototype: `instanceof Pool` holds for every pool it makes. */
  readonly prototype: Pool;
}

/** A Process class bound to one adapter: `new Process({ module, target, args })`. */
export interface BoundProcess {
  /** Makes a process of the adapter's worker, not yet started. */
  new <M extends object = Record<string, AnyFunction>, K extends TaskName<M> = TaskName<M>>(
    options: ProcessOptions<M, K>,
  ): Process<M, K>;
  /** Core's Process prototype: `instanceof Process` holds for every process it makes. */
  readonly prototype: Process;
}

/** What bindAdapter() gives an adapter package to export. */
export interface BoundClasses<O extends PoolOptions> {
  /** The adapter's Pool class. */
  Pool: BoundPool<O>;
  /** The adapter's Process class. */
  Process: BoundProcess;
}

/**
 * Core's Pool and Process bound to `adapter`. `engineFor`, when given, picks the machinery under
 * a pool from its options (undefined: multiproc's own); it may throw InvalidArgumentError.
 */
export function bindAdapter<O extends PoolOptions = PoolOptions>(
  adapter: Adapter,
  engineFor?: (options: O) => EngineFactory | undefined,
): BoundClasses<O> {
  class AdapterPool<M extends object = Record<string, AnyFunction>> extends Pool<M> {
    constructor(options: O) {
      super(options, adapter, engineFor?.(options));
    }
  }
  class AdapterProcess<
    M extends object = Record<string, AnyFunction>,
    K extends TaskName<M> = TaskName<M>,
  > extends Process<M, K> {
    constructor(options: ProcessOptions<M, K>) {
      super(options, adapter);
    }
  }
  // Named as users know them, in stack traces and console output.
  Object.defineProperty(AdapterPool, "name", { value: "Pool" });
  Object.defineProperty(AdapterProcess, "name", { value: "Process" });
  return { Pool: AdapterPool, Process: AdapterProcess };
}
