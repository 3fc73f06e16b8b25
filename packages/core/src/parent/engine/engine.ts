// What a Pool needs from the machinery under it: an Engine. Core's own (local-engine.ts) runs
// calls on an adapter's workers; others run them elsewhere (tinypool's workers, BullMQ agents on
// other hosts) behind the same Pool. The engine kit (engine-kit.ts) is what they share.

import type { Chunk } from "../../wire/protocol.ts";
import type { Adapter, WorkerKind } from "../adapter.ts";
import type { CallOptions, EngineOptions, ResolvedPoolOptions } from "../options.ts";
import type { PoolStats } from "./call-stats.ts";

/** One call, as Pool hands it to an engine. */
export interface CallRequest {
  /** The export to run. */
  task: string;
  /** Its arguments; for a chunk, its items or argument lists. */
  args: unknown[];
  /**
   * Set for a chunk of `map`, `starmap` or `imap`: how `args` is read, the result a list. Chunks
   * do not count against `maxQueue`: their own read-ahead bounds them.
   */
  chunk?: Chunk | undefined;
  /** The caller's options: signal, timeout, transfer. */
  options?: CallOptions | undefined;
  /**
   * Aborted when the bulk call this chunk belongs to has failed (or its stream was left): the
   * call leaves the queue if it has not been sent to a worker yet; one sent runs on.
   */
  withdraw?: AbortSignal | undefined;
}

/**
 * The machinery under a Pool: it takes calls, runs them somewhere and settles their promises.
 * `bindAdapter` hands each new Pool its engine; an engine's settings type is `O`.
 */
export interface Engine<O extends EngineOptions = ResolvedPoolOptions> {
  /** The engine's settings, checked and with defaults filled in. */
  readonly options: O;
  /** Workers this engine runs itself, alive now (undefined: its workers are not its own, as BullMQ's agents). */
  readonly workerCount?: number | undefined;
  /** Runs one call (or one chunk of calls); the promise settles with its result or a typed error. */
  submit(request: CallRequest): Promise<unknown>;
  /**
   * Runs a map's chunks, submitted together: as `submit` for each in turn, but the engine may
   * hand them out at once, knowing all of them. Optional: without it Pool submits each.
   */
  submitAll?(requests: readonly CallRequest[]): Promise<unknown>[];
  /** What the pool is doing and has done (see PoolStats); cheap to call. */
  stats(): PoolStats;
  /** Tells `observer` of the engine's events from now on (Pool does, to dispatch its events). */
  observe?(observer: EngineObserver): void;
  /** Takes no new calls; the accepted ones still run. */
  close(): void;
  /** Resolves once a closed engine has settled every call and its workers have ended. */
  join(): Promise<void>;
  /** Ends every worker now; unsettled calls reject with PoolClosedError. */
  terminate(): Promise<void>;
}

/** A worker as events describe it. */
export interface WorkerInfo {
  /** Its process id (kind "process") or thread id. */
  pid: number | undefined;
  /** A thread or a process. */
  kind: WorkerKind;
}

/** What an engine tells its Pool as it happens; the Pool turns these into events. */
export interface EngineObserver {
  /** The calls that waited for a worker have all been handed to one: the queue is empty. */
  drained(): void;
  /** A worker has started and is ready for calls. */
  workerStarted(worker: WorkerInfo): void;
  /** A worker has ended, with this exit code or signal. */
  workerExited(worker: WorkerInfo & { exitCode: number | null; signal: string | null }): void;
}

/** Makes the engine of a new Pool from its resolved options and its runtime's adapter (see bindAdapter). */
export type EngineFactory = (options: ResolvedPoolOptions, adapter: Adapter) => Engine;
