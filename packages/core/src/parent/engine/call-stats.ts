// What pool.stats() says of calls: how many succeeded and failed, and how long recent ones waited
// for a worker and ran there. Counting is a few stores per call (no allocation): percentiles are
// worked out only when stats() is asked.

/** Recent calls kept for the percentiles. */
const RECENT = 1024;

/** The 50th and 99th percentiles of recent calls, in ms (undefined before any call). */
export interface Percentiles {
  /** Half of the recent calls took at most this long. */
  p50: number | undefined;
  /** 99 in 100 recent calls took at most this long. */
  p99: number | undefined;
}

/** A pool's workers, as stats() counts them. */
export interface WorkerCounts {
  /** Workers alive. */
  total: number;
  /** Of those, running calls. */
  busy: number;
  /** Ready, with no call. */
  idle: number;
  /** Not yet ready for calls. */
  starting: number;
}

/** What an engine's pool has done, as pool.stats() reports it. */
export interface PoolStats {
  /** Workers alive: in all, running calls, idle, and still starting. */
  workers: WorkerCounts;
  /** Calls waiting for a worker. */
  queued: number;
  /** Calls running (sent to a worker, or taken by an agent) and not yet settled. */
  running: number;
  /** Calls settled with their result. */
  completed: number;
  /** Calls settled with an error (the task's, its worker's end, a timeout, an abort, terminate()). */
  failed: number;
  /** How long recent calls ran in a worker, in ms. */
  runTime: Percentiles;
  /** How long recent calls waited for a worker, in ms. */
  waitTime: Percentiles;
  /** The share of the workers' time (× concurrency) spent running calls since the pool began, 0 to 1; undefined where unknown. */
  utilization: number | undefined;
}

/** Calls counted and timed by an engine's kit (see EngineKit.calls): what stats() reports of them. */
export class CallStats {
  /** Calls settled with their result. */
  completed = 0;
  /** Calls settled with an error. */
  failed = 0;
  /** Run time of every call recorded, summed: for utilization. */
  busyMs = 0;
  readonly #run = new Float64Array(RECENT);
  readonly #wait = new Float64Array(RECENT);
  #recorded = 0;

  /** A call ran for `runMs` in a worker after waiting `waitMs` for one. */
  record(runMs: number, waitMs: number): void {
    const at = this.#recorded++ % RECENT;
    this.#run[at] = runMs;
    this.#wait[at] = waitMs;
    this.busyMs += runMs;
  }

  /** The percentiles of the recent calls' run and wait times. */
  percentiles(): Pick<PoolStats, "runTime" | "waitTime"> {
    const n = Math.min(this.#recorded, RECENT);
    return { runTime: percentiles(this.#run, n), waitTime: percentiles(this.#wait, n) };
  }
}

function percentiles(values: Float64Array, n: number): Percentiles {
  if (n === 0) return { p50: undefined, p99: undefined };
  const sorted = values.slice(0, n).sort();
  const at = (q: number) => sorted[Math.min(n - 1, Math.ceil(q * n) - 1)] as number;
  return { p50: at(0.5), p99: at(0.99) };
}
