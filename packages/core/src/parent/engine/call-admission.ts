// The checks every engine makes before it takes a call, in one place, so that a pool refuses a
// bad or late call the same way whatever runs it.
import { AbortError, PoolClosedError, QueueFullError } from "../errors.ts";
import type { EngineOptions } from "../options.ts";
import { checkCallOptions, checkTaskName } from "../options.ts";
import type { CallRequest } from "./engine.ts";

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
 * The error to reject a call with, or undefined to take it: a bad task name or call options, a
 * closed pool, a full queue (chunks of map and imap do not count), a signal already aborted.
 */
export function refuseCall(request: CallRequest, pool: EngineOptions, state: Admission): Error | undefined {
  const { task, options } = request;
  try {
    checkTaskName(task);
    checkCallOptions(options);
  } catch (error) {
    return error as Error;
  }
  const site = { task, module: pool.module };
  if (state.closed) {
    return new PoolClosedError(
      `the pool is ${state.terminated ? "terminated" : "closed"}: no new tasks`,
      site,
    );
  }
  // maxQueue bounds the calls waiting for a worker: those beyond what can run at once.
  if (request.chunk === undefined && state.inSystem + 1 - pool.workers * pool.concurrency > pool.maxQueue)
    return new QueueFullError(pool.maxQueue, site);
  if (options?.signal?.aborted) return new AbortError(options.signal.reason, site);
  return undefined;
}
