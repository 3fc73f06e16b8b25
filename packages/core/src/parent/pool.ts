// Pool: Python's multiprocessing.Pool, typed by the task module, over the Engine it is handed.
// Each adapter package exports a subclass whose constructor takes the user's options and makes
// the engine (bind-adapter.ts); everything here is shared by every engine.
import type { Chunk } from "../wire/protocol.ts";
import { AsyncResult } from "./async-result.ts";
import { finishing, type ProgressMeter, progressMeter } from "./bulk-progress.ts";
import { autoChunksize } from "./chunk-plan.ts";
import type { PoolStats } from "./engine/call-stats.ts";
import type { CallRequest, Engine } from "./engine/engine.ts";
import { InvalidArgumentError } from "./errors.ts";
import { sampledItemBytes } from "./item-bytes.ts";
import { concat, toList } from "./items.ts";
import {
  type CallOptions,
  checkMapOptions,
  type EngineOptions,
  type MapOptions,
  positiveInteger,
  type ResolvedPoolOptions,
} from "./options.ts";
import { type PoolEventMap, PoolEvents } from "./pool-events.ts";
import { orderedResults, type StreamPlan, unorderedResults } from "./streams.ts";
import type { AnyFunction, ItemTaskName, TaskArgs, TaskItem, TaskName, TaskResult } from "./types.ts";

/** `args` may be left out when the task can be called without arguments. */
type ApplyRest<M, K extends TaskName<M>> =
  [] extends TaskArgs<M, K>
    ? [args?: TaskArgs<M, K>, options?: CallOptions]
    : [args: TaskArgs<M, K>, options?: CallOptions];

type Items<T> = Iterable<T> | AsyncIterable<T>;

/** Why the chunks a bulk call no longer needs leave the queue (their AbortError's reason). */
const WITHDRAWN = new Error("the bulk call this chunk belongs to has failed or was left: it was withdrawn");

// EventTarget's own parameter types, whichever runtime's declarations describe it (DOM's, Bun's).
type Listener = Parameters<EventTarget["addEventListener"]>[1];
type ListenOptions = Parameters<EventTarget["addEventListener"]>[2];

/**
 * Python's `multiprocessing.Pool`, over any engine: workers that run the exports of one task
 * module, fed from one FIFO queue. `M` (`typeof import("./tasks.ts")`) types the task names,
 * arguments and results; `O` is the engine's settings type. Adapter packages export a subclass
 * bound to their runtime (see bindAdapter), which users make with `new Pool({ module, … })`.
 */
export class Pool<
  M extends object = Record<string, AnyFunction>,
  O extends EngineOptions = ResolvedPoolOptions,
> extends EventTarget {
  readonly #engine: Engine<O>;
  readonly #events = new PoolEvents(this);

  /** Wraps `engine`, which runs the calls; adapters make it (see bindAdapter), users never do. */
  constructor(engine: Engine<O>) {
    super();
    if (engine === null || typeof engine !== "object" || typeof engine.submit !== "function") {
      throw new InvalidArgumentError(
        "core's Pool wraps an Engine: make pools with the Pool of an adapter (@multiproc/node, /deno, /bun), new Pool({ module })",
      );
    }
    this.#engine = engine;
    engine.observe?.(this.#events);
  }

  /**
   * Listens for the pool's events: "drain" (the calls that waited for a worker have all been
   * handed to one), "workerstart" and "workerexit" (a WorkerEvent: `pid`, `kind`, `exitCode`, `signal`).
   */
  override addEventListener<K extends keyof PoolEventMap>(
    type: K,
    listener: ((event: PoolEventMap[K]) => void) | { handleEvent(event: PoolEventMap[K]): void } | null,
    options?: ListenOptions,
  ): void;
  override addEventListener(type: string, listener: Listener, options?: ListenOptions): void;
  override addEventListener(type: string, listener: Listener, options?: ListenOptions): void {
    this.#events.listened.add(type);
    super.addEventListener(type, listener, options);
  }

  /**
   * What the pool is doing and has done, as a plain object: its workers (total, busy, idle,
   * starting), calls queued and running, calls completed and failed, run-time and wait-time
   * percentiles (p50, p99, ms) over recent calls, and utilization (0 to 1). Cheap to call.
   */
  stats(): PoolStats {
    return this.#engine.stats();
  }

  /** The resolved settings: worker count, kind, concurrency, module URL, … */
  get options(): O {
    return this.#engine.options;
  }

  /** Workers alive now that this pool runs itself; they start when tasks need them (0 where its workers are others', as BullMQ's agents). */
  get workerCount(): number {
    return this.#engine.workerCount ?? 0;
  }

  /**
   * Runs one task and resolves with its result, Python's `apply`: `pool.apply("add", [1, 2])`.
   *
   * @param task The export to run.
   * @param rest `args, options`: the task's argument list (optional when it takes none), then CallOptions.
   */
  apply<K extends TaskName<M>>(task: K, ...[args, options]: ApplyRest<M, K>): Promise<TaskResult<M, K>> {
    return this.#submit(task as string, args, options) as Promise<TaskResult<M, K>>;
  }

  /**
   * Starts one task; the AsyncResult holds its outcome (an ignored failure does not crash the
   * program), Python's `apply_async`.
   *
   * @param task The export to run.
   * @param rest `args, options`: the task's argument list (optional when it takes none), then CallOptions.
   */
  applyAsync<K extends TaskName<M>>(
    task: K,
    ...[args, options]: ApplyRest<M, K>
  ): AsyncResult<TaskResult<M, K>> {
    return new AsyncResult(
      this.#submit(task as string, args, options) as Promise<TaskResult<M, K>>,
      task as string,
    );
  }

  /**
   * `task(item)` for every item, results in input order. Items go in chunks of `chunksize`; by
   * default Python's size (items ÷ (workers × concurrency × 4)), or fewer items a chunk where they
   * are large, about 128 KB a chunk (estimated from a few items: pages of text, records).
   */
  map<K extends ItemTaskName<M>>(
    task: K,
    items: Iterable<TaskItem<M, K>>,
    options?: MapOptions,
  ): Promise<TaskResult<M, K>[]> {
    return this.#mapChunks(task as string, toList(items, false), "items", options) as Promise<
      TaskResult<M, K>[]
    >;
  }

  /** `map()` that returns an AsyncResult at once instead of a promise. */
  mapAsync<K extends ItemTaskName<M>>(
    task: K,
    items: Iterable<TaskItem<M, K>>,
    options?: MapOptions,
  ): AsyncResult<TaskResult<M, K>[]> {
    return new AsyncResult(this.map(task, items, options), task as string);
  }

  /** `task(...args)` for every argument list, results in input order. */
  starmap<K extends TaskName<M>>(
    task: K,
    argLists: Iterable<TaskArgs<M, K>>,
    options?: MapOptions,
  ): Promise<TaskResult<M, K>[]> {
    return this.#mapChunks(task as string, toList(argLists, true), "argLists", options) as Promise<
      TaskResult<M, K>[]
    >;
  }

  /** `starmap()` that returns an AsyncResult at once instead of a promise. */
  starmapAsync<K extends TaskName<M>>(
    task: K,
    argLists: Iterable<TaskArgs<M, K>>,
    options?: MapOptions,
  ): AsyncResult<TaskResult<M, K>[]> {
    return new AsyncResult(this.starmap(task, argLists, options), task as string);
  }

  /** Lazy, ordered results; reads the source only a bounded way ahead. chunksize defaults to 1. */
  imap<K extends ItemTaskName<M>>(
    task: K,
    items: Items<TaskItem<M, K>>,
    options?: MapOptions,
  ): AsyncGenerator<TaskResult<M, K>> {
    const { plan, meter, withdrawal } = this.#streamPlan(task as string, items, options);
    return finishing(orderedResults(items, plan), meter, withdrawal);
  }

  /** Lazy results in completion order. */
  imapUnordered<K extends ItemTaskName<M>>(
    task: K,
    items: Items<TaskItem<M, K>>,
    options?: MapOptions,
  ): AsyncGenerator<TaskResult<M, K>> {
    const { plan, meter, withdrawal } = this.#streamPlan(task as string, items, options);
    return finishing(unorderedResults(items, plan), meter, withdrawal);
  }

  /** Takes no new tasks; those accepted still run. Then join() waits for them. */
  close(): void {
    this.#engine.close();
  }

  /** Waits until a closed pool has finished every task and its workers have ended. */
  join(): Promise<void> {
    return this.#engine.join();
  }

  /** Ends every worker now; unfinished tasks reject with PoolClosedError. */
  terminate(): Promise<void> {
    return this.#engine.terminate();
  }

  /** `await using pool = …`: close() and join(), so every accepted task finishes first. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.join();
  }

  #submit(task: string, args: unknown[] | undefined, options: CallOptions | undefined): Promise<unknown> {
    if (args !== undefined && !Array.isArray(args)) {
      return Promise.reject(
        new InvalidArgumentError(`args must be an array of arguments, not ${typeof args}`, { task }),
      );
    }
    return this.#engine.submit({ task, args: args ?? [], options });
  }

  #mapChunks(
    task: string,
    list: unknown[] | { error: unknown },
    chunk: Chunk,
    options: MapOptions | undefined,
  ): Promise<unknown[]> {
    if (!Array.isArray(list)) return Promise.reject(list.error);
    let chunksize: number;
    let meter: ProgressMeter | undefined;
    try {
      checkMapOptions(options);
      chunksize =
        options?.chunksize === undefined
          ? this.#autoChunksize(list)
          : positiveInteger("chunksize", options.chunksize, 1);
      meter = progressMeter(options, list.length);
    } catch (error) {
      return Promise.reject(error);
    }
    const callOptions = { signal: options?.signal, timeout: options?.timeout };
    // One chunk failing fails the map: the chunks no worker has yet are withdrawn (those sent
    // ahead, at most about AHEAD_MS of work per worker, run on: a worker cannot give them back).
    const withdrawal = new AbortController();
    const withdraw = withdrawal.signal;
    const requests: CallRequest[] = [];
    for (let i = 0; i < list.length; i += chunksize) {
      requests.push({ task, args: list.slice(i, i + chunksize), chunk, options: callOptions, withdraw });
    }
    const engine = this.#engine;
    let parts = engine.submitAll ? engine.submitAll(requests) : requests.map((r) => engine.submit(r));
    if (meter) parts = parts.map((part, i) => meter.count((requests[i] as CallRequest).args.length, part));
    const all = Promise.all(parts).then(
      (results) => concat(results as unknown[][]),
      (error: unknown) => {
        withdrawal.abort(WITHDRAWN);
        throw error;
      },
    );
    if (!meter) return all;
    // The last report once every chunk has settled, whether the map succeeded or not.
    const last = meter;
    void Promise.allSettled(parts).then(() => last.finish());
    return all;
  }

  /** Python's rule (about four chunks per worker slot), fewer items where they are large (chunk-plan.ts). */
  #autoChunksize(list: readonly unknown[]): number {
    const { workers, concurrency } = this.#engine.options;
    return autoChunksize(list.length, workers * concurrency, sampledItemBytes(list));
  }

  #streamPlan(
    task: string,
    items: unknown,
    options: MapOptions | undefined,
  ): { plan: StreamPlan; meter: ProgressMeter | undefined; withdrawal: AbortController } {
    if (
      items === null ||
      typeof items !== "object" ||
      !(Symbol.iterator in items || Symbol.asyncIterator in items)
    ) {
      throw new InvalidArgumentError("items must be an iterable or an async iterable", { task });
    }
    checkMapOptions(options);
    const chunksize = positiveInteger("chunksize", options?.chunksize, 1);
    const meter = progressMeter(options, Array.isArray(items) ? items.length : undefined);
    const { workers, concurrency } = this.#engine.options;
    const callOptions = { signal: options?.signal, timeout: options?.timeout };
    // Left early (a chunk failed, the consumer stopped): the chunks read ahead are withdrawn.
    const withdrawal = new AbortController();
    const withdraw = withdrawal.signal;
    const send = (items: unknown[]) =>
      this.#engine.submit({ task, args: items, chunk: "items", options: callOptions, withdraw }) as Promise<
        unknown[]
      >;
    const plan: StreamPlan = {
      submit: meter ? (items) => meter.count(items.length, send(items)) : send,
      chunksize,
      readAhead: workers * concurrency * 2,
      onSourceEnd: meter && ((total) => meter.totalKnown(total)),
    };
    return { plan, meter, withdrawal };
  }
}
