// What a Pool needs from the machinery under it. PoolEngine is multiproc's own; an adapter may
// offer another (the Node adapter wraps tinypool) and the Pool API stays the same.
import type { Adapter } from "./adapter.ts";
import { AbortError, PoolClosedError, QueueFullError } from "./errors.ts";
import { type CallOptions, checkCallOptions, checkTaskName, type ResolvedPoolOptions } from "./options.ts";
import type { Chunk } from "./protocol.ts";

/**
 * The machinery under a Pool: it queues calls, runs them on workers and settles their promises.
 * PoolEngine is multiproc's own; Pool's third constructor argument swaps in another.
 */
export interface Engine {
  /** The pool's settings, checked and with defaults filled in. */
  readonly options: ResolvedPoolOptions;
  /** Workers alive now. */
  readonly workerCount: number;
  /**
   * Runs `fn(...args)`, or with `chunk` each argument list of `args` in one message. `bounded`
   * calls count against maxQueue.
   */
  submit(
    fn: string,
    args: unknown[],
    chunk: Chunk | false,
    options: CallOptions | undefined,
    bounded: boolean,
  ): Promise<unknown>;
  /** Takes no new calls; the accepted ones still run. */
  close(): void;
  /** Resolves once a closed engine has settled every call and its workers have ended. */
  join(): Promise<void>;
  /** Ends every worker now; unsettled calls reject with PoolClosedError. */
  terminate(): Promise<void>;
}

/** Makes the engine of a new Pool, from its resolved options and its runtime's adapter. */
export type EngineFactory = (options: ResolvedPoolOptions, adapter: Adapter) => Engine;

/** What an engine knows when a call comes in. */
export interface Admission {
  /** close() or terminate() was called. */
  closed: boolean;
  /** terminate() was called. */
  terminated: boolean;
  /** Calls accepted and not yet settled, waiting or running. */
  inSystem: number;
}

/**
 * The checks every engine makes before it takes a call: the error to reject it with, or
 * undefined to take it. `bounded` calls count against maxQueue (map and imap chunks do not).
 */
export function refuseCall(
  fn: string,
  options: CallOptions | undefined,
  bounded: boolean,
  pool: ResolvedPoolOptions,
  state: Admission,
): Error | undefined {
  const site = { task: fn, module: pool.module };
  try {
    checkTaskName(fn);
    checkCallOptions(options);
  } catch (error) {
    return error as Error;
  }
  if (state.closed) {
    return new PoolClosedError(
      `the pool is ${state.terminated ? "terminated" : "closed"}: no new tasks`,
      site,
    );
  }
  // maxQueue bounds the calls waiting for a worker: those beyond what can run at once.
  const capacity = pool.workers * pool.concurrency;
  if (bounded && state.inSystem + 1 - capacity > pool.maxQueue)
    return new QueueFullError(pool.maxQueue, site);
  if (options?.signal?.aborted) return new AbortError(options.signal.reason, site);
  return undefined;
}
