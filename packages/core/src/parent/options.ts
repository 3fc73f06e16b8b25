// Options of Pool, Process and each call, and their checks: a bad option is an
// InvalidArgumentError at once, never a hang later.
import { handOff } from "../talk/handoff.ts";
import type { Adapter, TransferItem, WorkerKind } from "./adapter.ts";
import { InvalidArgumentError } from "./errors.ts";
import { type KeyList, refuseUnknownKeys } from "./known-keys.ts";

/** The options of `new Pool(…)`. Only `module` is required; a bad value throws InvalidArgumentError. */
export interface PoolOptions {
  /** The task module: a URL, or an absolute path / URL string. */
  module: string | URL;
  /** Workers at most (default: the machine's available parallelism). Started when tasks need them. */
  workers?: number | undefined;
  /**
   * Workers started when the pool is made, before any call (default 0: each starts when calls
   * need it). Give it for a pool made ahead of its work: the workers load the task module while
   * the program does other things, and the first calls find them ready, as Python's Pool does.
   */
  minWorkers?: number | undefined;
  /** "thread" or "process" (default: the adapter's first kind, "thread" on Node, Deno and Bun). */
  kind?: WorkerKind | undefined;
  /** Tasks in flight per worker at once (default 1); above 1 suits tasks that wait on I/O. */
  concurrency?: number | undefined;
  /**
   * Short tasks a worker may hold beyond `concurrency`, sent ahead so it never waits a round trip
   * for the next (default 64, fewer when tasks are not tiny: about 8 ms of work; 0 for strict FIFO
   * start order across workers). Only tasks without timeout or signal are sent ahead, and only
   * while tasks average under 2 ms, or, for the chunks of `map`, `starmap` and `imap`, under 20 ms.
   */
  prefetch?: number | undefined;
  /** A worker is replaced after this many tasks (default: never). */
  maxTasksPerWorker?: number | undefined;
  /** A worker idle this many ms ends; a new one starts when work comes (default: never). */
  idleTimeout?: number | undefined;
  /** Tasks that may wait for a worker beyond those running; more are refused with QueueFullError (default: no bound). */
  maxQueue?: number | undefined;
  /** An export run once in each worker before its first task. */
  initializer?: string | undefined;
  /** The initializer's arguments; they must be cloneable (checked when the pool is made). */
  initArgs?: unknown[] | undefined;
  /**
   * Workers that may fail to start in a row (the module missing or throwing at import, the
   * initializer throwing, the worker exiting before it is ready) before the waiting tasks are
   * rejected with the last failure (default 3). A worker killed by SIGKILL or SIGTERM while it
   * starts (an operator, the OOM killer) does not count: it is replaced and the tasks keep
   * waiting. A crash (SIGSEGV, SIGABRT) counts.
   */
  maxStartFailures?: number | undefined;
  /**
   * Milliseconds terminate() waits after SIGTERM before it sends SIGKILL to a worker process
   * still alive (default 1000), so a task that handles SIGTERM cannot hold it up.
   */
  terminateGrace?: number | undefined;
  /**
   * MiB a worker may use (default: no bound): a process's resident memory (runtime included),
   * a Node thread's heap. A task whose worker goes past it rejects with MemoryLimitError and the
   * worker is replaced; the other tasks go on. Where a runtime cannot bound a thread (Deno, Bun),
   * it is refused with kind "thread": use kind "process".
   */
  maxMemory?: number | undefined;
}

/** Per-call options of `apply` and `applyAsync`. */
export interface CallOptions {
  /**
   * Aborting it rejects the call with AbortError: a queued task leaves the queue, a running one's
   * worker is replaced.
   */
  signal?: AbortSignal | undefined;
  /** Milliseconds; a task still running then is ended and its worker replaced. */
  timeout?: number | undefined;
  /** Objects to transfer (ArrayBuffer, MessagePort, …) instead of copying. */
  transfer?: readonly TransferItem[] | undefined;
  /**
   * Called with each value the task reports (`reportProgress` from `@multiproc/core/task`), in
   * order, before the call settles; never with another call's. Costs nothing when not given.
   */
  onProgress?: ((value: unknown) => void) | undefined;
}

/** How far a `map`, `starmap`, `imap` or `imapUnordered` has come, counted in items. */
export interface BulkProgress {
  /** Items whose call has settled (succeeded or failed). */
  done: number;
  /** Items in all; undefined while an iterable source has not ended. */
  total: number | undefined;
  /** Of `done`, the items whose chunk failed. */
  failed: number;
  /** Milliseconds since the bulk call began. */
  elapsedMs: number;
  /** Milliseconds left at the rate so far; undefined until both `total` and a rate are known. */
  etaMs: number | undefined;
}

/** Options of `map`, `starmap`, `imap` and their variants; `signal` and `timeout` apply to each chunk. */
export interface MapOptions extends Omit<CallOptions, "transfer" | "onProgress"> {
  /** Items sent to a worker per message (map, starmap: Python's size, smaller for large items, see Pool.map; imap: 1). */
  chunksize?: number | undefined;
  /**
   * Called at most about every 100 ms while items complete, and once more when the call ends
   * unless the report before already said the same: the last report has `done === total` when
   * every item ran, and no report repeats it (for imap it may come before the stream ends). Costs
   * nothing when not given.
   */
  onProgress?: ((progress: BulkProgress) => void) | undefined;
}

/** What Pool and the engine kit read of any engine's settings. */
export interface EngineOptions {
  /** Worker slots the calls run on: they size map's automatic chunks, imap's read-ahead and maxQueue's bound. */
  workers: number;
  /** Calls in flight per worker. */
  concurrency: number;
  /** Calls that may wait beyond `workers × concurrency` (`Infinity`: no bound). */
  maxQueue: number;
  /** The task module's URL, where the engine knows it (it is named in errors). */
  module?: string | undefined;
}

/** PoolOptions checked and with every default filled in; "never" and "no bound" are `Infinity`. */
export interface ResolvedPoolOptions extends EngineOptions {
  /** The task module's URL, as workers import it. */
  module: string;
  /** Workers at most. */
  workers: number;
  /** Workers started when the pool is made. */
  minWorkers: number;
  /** Threads or processes. */
  kind: WorkerKind;
  /** Tasks in flight per worker. */
  concurrency: number;
  /** Short tasks a worker may hold beyond `concurrency`. */
  prefetch: number;
  /** Tasks before a worker is replaced. */
  maxTasksPerWorker: number;
  /** Milliseconds an idle worker lives. */
  idleTimeout: number;
  /** Tasks that may wait for a worker. */
  maxQueue: number;
  /** The export run once in each worker, if any. */
  initializer: string | undefined;
  /** The initializer's arguments. */
  initArgs: unknown[];
  /** Start-up failures in a row before the waiting tasks are rejected. */
  maxStartFailures: number;
  /** Milliseconds between SIGTERM and SIGKILL when terminate() ends a worker process. */
  terminateGrace: number;
  /** MiB a worker may use; `Infinity`: no bound. */
  maxMemory: number;
}

/**
 * The sizing every engine has, checked by core's rules (InvalidArgumentError) with its defaults:
 * `workers` (default `defaultWorkers`), `concurrency` (1), `maxQueue` (no bound). For an engine
 * whose pool has no task module of its own (BullMQ's driver: the module is the agents').
 */
export function resolveEngineOptions(
  options: { workers?: number | undefined; concurrency?: number | undefined; maxQueue?: number | undefined },
  defaultWorkers: number,
): EngineOptions {
  if (options === null || typeof options !== "object")
    throw new InvalidArgumentError("options must be an object");
  return {
    workers: positiveInteger("workers", options.workers, defaultWorkers),
    concurrency: positiveInteger("concurrency", options.concurrency, 1),
    maxQueue: nonNegative("maxQueue", options.maxQueue, Number.POSITIVE_INFINITY),
  };
}

/** Every option of PoolOptions: a key not here is refused (see refuseUnknownKeys). */
export const POOL_OPTION_KEYS: KeyList<PoolOptions> = {
  module: true,
  workers: true,
  minWorkers: true,
  kind: true,
  concurrency: true,
  prefetch: true,
  maxTasksPerWorker: true,
  idleTimeout: true,
  maxQueue: true,
  initializer: true,
  initArgs: true,
  maxStartFailures: true,
  terminateGrace: true,
  maxMemory: true,
} as const satisfies KeyList<PoolOptions>;

/** Every option of CallOptions. */
const CALL_OPTION_KEYS = {
  signal: true,
  timeout: true,
  transfer: true,
  onProgress: true,
} as const satisfies KeyList<CallOptions>;

/** Every option of MapOptions. */
const MAP_OPTION_KEYS = {
  chunksize: true,
  signal: true,
  timeout: true,
  onProgress: true,
} as const satisfies KeyList<MapOptions>;

/** Throws InvalidArgumentError when map/imap options are not an object or name an option there is not. */
export function checkMapOptions(options: MapOptions | undefined): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null)
    throw new InvalidArgumentError("map options must be an object");
  refuseUnknownKeys(options, MAP_OPTION_KEYS, "map (and imap, starmap)");
}

/**
 * A Pool's options checked by core's rules (InvalidArgumentError) against the adapter (its kinds,
 * its module rule, its machine's parallelism), with every default filled in.
 */
export function resolvePoolOptions(options: PoolOptions, adapter: Adapter): ResolvedPoolOptions {
  if (options === null || typeof options !== "object")
    throw new InvalidArgumentError("Pool options must be an object");
  refuseUnknownKeys(options, POOL_OPTION_KEYS, "Pool");
  const kind = checkKind(options.kind, adapter);
  if (options.initializer !== undefined && typeof options.initializer !== "string") {
    throw new InvalidArgumentError("initializer must be the name of an export (a string)");
  }
  if (options.initArgs !== undefined && !Array.isArray(options.initArgs)) {
    throw new InvalidArgumentError("initArgs must be an array");
  }
  // Queues, Locks, … go as wire forms (refused here for kind "process"); the rest must clone.
  const handed = handOff(options.initArgs ?? [], kind, "initArgs", true);
  checkCloneable("initArgs", handed?.args ?? options.initArgs);
  const { workers, concurrency, maxQueue } = resolveEngineOptions(options, adapter.availableParallelism());
  if (handed?.held.some((talker) => talker[Symbol.toStringTag] === "Connection"))
    refuseSecondWorker(options, workers);
  const minWorkers = nonNegativeInteger("minWorkers", options.minWorkers, 0);
  if (minWorkers > workers) {
    throw new InvalidArgumentError(`minWorkers (${minWorkers}) must not be more than workers (${workers})`);
  }
  return {
    module: resolveModule(options.module, adapter),
    workers,
    minWorkers,
    kind,
    concurrency,
    prefetch: nonNegativeInteger("prefetch", options.prefetch, 64),
    maxTasksPerWorker: positiveInteger(
      "maxTasksPerWorker",
      options.maxTasksPerWorker,
      Number.POSITIVE_INFINITY,
    ),
    idleTimeout: nonNegative("idleTimeout", options.idleTimeout, Number.POSITIVE_INFINITY),
    maxQueue,
    initializer: options.initializer,
    initArgs: options.initArgs ?? [],
    maxStartFailures: positiveInteger("maxStartFailures", options.maxStartFailures, 3),
    terminateGrace: nonNegative("terminateGrace", options.terminateGrace, 1000),
    maxMemory: checkMaxMemory(options.maxMemory, adapter, kind),
  };
}

/**
 * The maxMemory option in MiB (`Infinity` when not given): a positive integer, and only for a
 * kind the adapter can bound (its `memoryLimit` capability), else an InvalidArgumentError saying why.
 */
export function checkMaxMemory(value: unknown, adapter: Adapter, kind: WorkerKind): number {
  const limit = positiveInteger("maxMemory", value, Number.POSITIVE_INFINITY);
  if (limit === Number.POSITIVE_INFINITY) return limit;
  const capable = adapter.capabilities[kind]?.memoryLimit ?? "the adapter does not say it can";
  if (capable !== true) {
    // The way out, only where there is one: an adapter that bounds neither kind gets no advice.
    const processBounded =
      adapter.kinds.includes("process") && adapter.capabilities.process?.memoryLimit === true;
    const instead = kind !== "process" && processBounded ? '; use kind "process"' : "";
    throw new InvalidArgumentError(
      `maxMemory cannot bound a ${kind} on ${adapter.name}: ${capable}${instead}`,
    );
  }
  return limit;
}

export function resolveModule(module: unknown, adapter: Adapter): string {
  if (!(module instanceof URL) && (typeof module !== "string" || module === "")) {
    throw new InvalidArgumentError("module must be a URL or a non-empty string (an absolute path or a URL)");
  }
  return adapter.resolveModule(module);
}

export function checkKind(kind: unknown, adapter: Adapter): "thread" | "process" {
  // Unset, the adapter's first kind: "thread" for the three runtimes here, "process" for a process-only adapter.
  const chosen = kind ?? adapter.kinds[0];
  if (!adapter.kinds.includes(chosen as WorkerKind)) {
    throw new InvalidArgumentError(
      `kind must be one of ${adapter.kinds.map((k) => `"${k}"`).join(", ")} for the ${adapter.name} adapter, not ${JSON.stringify(kind)}`,
    );
  }
  return chosen as WorkerKind;
}

/** Refuses a value that could not reach a worker (a function, a symbol, …), naming the option. */
function checkCloneable(name: string, value: unknown): void {
  try {
    structuredClone(value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InvalidArgumentError(`${name} must be cloneable to reach the workers: ${why}`);
  }
}

/** Throws InvalidArgumentError when per-call options are malformed; engines check before they queue a call. */
export function checkCallOptions(options: CallOptions | undefined): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null)
    throw new InvalidArgumentError("call options must be an object");
  refuseUnknownKeys(options, CALL_OPTION_KEYS, "a call");
  if (options.timeout !== undefined) positiveNumber("timeout", options.timeout);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new InvalidArgumentError("signal must be an AbortSignal");
  }
  if (options.transfer !== undefined && !Array.isArray(options.transfer)) {
    throw new InvalidArgumentError("transfer must be an array");
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new InvalidArgumentError("onProgress must be a function");
  }
}

/** Throws InvalidArgumentError unless the task is a non-empty string (the export's name). */
export function checkTaskName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name === "") {
    throw new InvalidArgumentError(
      `the task must be the name of an export (a non-empty string), not ${typeof name}`,
    );
  }
}

export function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`${name} must be a positive integer, not ${JSON.stringify(value)}`);
  }
  return value;
}

function nonNegativeInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be an integer ≥ 0, not ${JSON.stringify(value)}`);
  }
  return value;
}

function nonNegative(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be a number ≥ 0, not ${JSON.stringify(value)}`);
  }
  return value;
}

function positiveNumber(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(
      `${name} must be a finite number of milliseconds > 0, not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * A Pipe's end moves to the worker it is handed to: in initArgs it can reach only the first worker
 * a Pool starts. InvalidArgumentError when the Pool may start another (more workers, or replacing
 * one that retires), instead of a WorkerStartError when that one starts.
 */
function refuseSecondWorker(options: PoolOptions, workers: number): void {
  const why =
    workers > 1
      ? `workers: ${workers}`
      : options.maxTasksPerWorker !== undefined && Number.isFinite(options.maxTasksPerWorker)
        ? "maxTasksPerWorker replaces its worker"
        : options.idleTimeout !== undefined && Number.isFinite(options.idleTimeout)
          ? "idleTimeout replaces its worker"
          : undefined;
  if (why === undefined) return;
  throw new InvalidArgumentError(
    `a Pipe connection in initArgs can be handed to one worker only (it moves there, like a transferred MessagePort), and this Pool starts more than one (${why}): give each worker its own Pipe (a Process per end, or a Pool of one worker), or use a Queue, which any number of workers share`,
  );
}
