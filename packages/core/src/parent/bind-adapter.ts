// The one place where a pool's options, its adapter and its engine meet: core's Pool and Process,
// bound to the adapter, so that an adapter package's entry is a single call and every adapter's
// classes are alike.
import type { Adapter } from "./adapter.ts";
import type { EngineFactory } from "./engine/engine.ts";
import { LocalEngine } from "./engine/local-engine.ts";
import { type PoolOptions, resolvePoolOptions } from "./options.ts";
import { Pool } from "./pool.ts";
import { Process, type ProcessOptions } from "./process.ts";
import type { AnyFunction, TaskModuleRef, TaskName } from "./types.ts";

/** A Pool class bound to one adapter: `new Pool<typeof import("./tasks.ts")>({ module })`, `instanceof Pool`. */
export interface BoundPool<O extends PoolOptions = PoolOptions> {
  /**
   * Makes a pool of the adapter's workers; `M` types its task names, arguments and results (given,
   * or taken from a `module` made by taskModule()).
   */
  new <M extends object = Record<string, AnyFunction>>(options: O & { module: TaskModuleRef<M> }): Pool<M>;
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

/** Core's own engine: the calls run on the adapter's workers. */
export const localEngine: EngineFactory = (options, adapter) => new LocalEngine(options, adapter);

/**
 * Core's Pool and Process bound to `adapter`: a pool's options are checked by core's rules
 * against the adapter (resolvePoolOptions), then `engine` makes what runs its calls (default:
 * core's own, on the adapter's workers).
 */
export function bindAdapter<O extends PoolOptions = PoolOptions>(
  adapter: Adapter,
  engine: EngineFactory = localEngine,
): BoundClasses<O> {
  class AdapterPool<M extends object = Record<string, AnyFunction>> extends Pool<M> {
    constructor(options: O) {
      super(engine(resolvePoolOptions(options, adapter), adapter));
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
