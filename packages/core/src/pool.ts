// Pool: Python's multiprocessing.Pool, typed by the task module. Each adapter package exports a
// subclass that supplies its runtime's Adapter; everything here is shared.
import type { Adapter } from "./adapter.ts";
import { AsyncResult } from "./async-result.ts";
import type { Engine, EngineFactory } from "./engine.ts";
import { InvalidArgumentError } from "./errors.ts";
import {
  type CallOptions,
  type MapOptions,
  type PoolOptions,
  positiveInteger,
  type ResolvedPoolOptions,
  resolvePoolOptions,
} from "./options.ts";
import { PoolEngine } from "./pool-engine.ts";
import type { Chunk } from "./protocol.ts";
import { orderedResults, unorderedResults } from "./streams.ts";
import type { AnyFunction, TaskArgs, TaskItem, TaskName, TaskResult } from "./types.ts";

/** `args` may be left out when the task can be called without arguments. */
type ApplyRest<M, K extends TaskName<M>> =
  [] extends TaskArgs<M, K>
    ? [args?: TaskArgs<M, K>, options?: CallOptions]
    : [args: TaskArgs<M, K>, options?: CallOptions];

type Items<T> = Iterable<T> | AsyncIterable<T>;

/**
 * Python's `multiprocessing.Pool`, over any adapter: workers that run the exports of one task
 * module, fed from one FIFO queue. `M` (`typeof import("./tasks.ts")`) types the task names,
 * arguments and results. Adapter packages export a subclass bound to their runtime.
 */
export class Pool<M extends object = Record<string, AnyFunction>> {
  readonly #engine: Engine;

  /** `engine` swaps the machinery under the same API (default: multiproc's own PoolEngine). */
  constructor(
    options: PoolOptions,
    adapter: Adapter,
    engine: EngineFactory = (o, a) => new PoolEngine(o, a),
  ) {
    this.#engine = engine(resolvePoolOptions(options, adapter, adapter.availableParallelism()), adapter);
  }

  /** The resolved settings: worker count, kind, concurrency, module URL, … */
  get options(): ResolvedPoolOptions {
    return this.#engine.options;
  }

  /** Workers alive now; they start when tasks need them. */
  get workerCount(): number {
    return this.#engine.workerCount;
  }

  /**
   * Runs one task and resolves with its result, Python's `apply`: `pool.apply("add", [1, 2])`.
   *
   * @param task The export to run.
   * @param rest `args, options`: the task's argument list (optional when it takes none), then CallOptions.
   */
  apply<K extends TaskName<M>>(task: K, ...[args, options]: ApplyRest<M, K>): Promise<TaskResult<M, K>> {
    return this.#submit(task, args, options) as Promise<TaskResult<M, K>>;
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
    return new AsyncResult(this.#submit(task, args, options) as Promise<TaskResult<M, K>>, task);
  }

  /** `task(item)` for every item, results in input order. Items go in chunks (automatic size, as Python's). */
  map<K extends TaskName<M>>(
    task: K,
    items: Iterable<TaskItem<M, K>>,
    options?: MapOptions,
  ): Promise<TaskResult<M, K>[]> {
    return this.#mapChunks(task, toList(items, false), "items", options) as Promise<TaskResult<M, K>[]>;
  }

  /** `map()` that returns an AsyncResult at once instead of a promise. */
  mapAsync<K extends TaskName<M>>(
    task: K,
    items: Iterable<TaskItem<M, K>>,
    options?: MapOptions,
  ): AsyncResult<TaskResult<M, K>[]> {
    return new AsyncResult(this.map(task, items, options), task);
  }

  /** `task(...args)` for every argument list, results in input order. */
  starmap<K extends TaskName<M>>(
    task: K,
    argLists: Iterable<TaskArgs<M, K>>,
    options?: MapOptions,
  ): Promise<TaskResult<M, K>[]> {
    return this.#mapChunks(task, toList(argLists, true), "argLists", options) as Promise<TaskResult<M, K>[]>;
  }

  /** `starmap()` that returns an AsyncResult at once instead of a promise. */
  starmapAsync<K extends TaskName<M>>(
    task: K,
    argLists: Iterable<TaskArgs<M, K>>,
    options?: MapOptions,
  ): AsyncResult<TaskResult<M, K>[]> {
    return new AsyncResult(this.starmap(task, argLists, options), task);
  }

  /** Lazy, ordered results; reads the source only a bounded way ahead. chunksize defaults to 1. */
  imap<K extends TaskName<M>>(
    task: K,
    items: Items<TaskItem<M, K>>,
    options?: MapOptions,
  ): AsyncGenerator<TaskResult<M, K>> {
    const { chunksize, readAhead, submit } = this.#streamParts(task, items, options);
    return orderedResults(items, submit, chunksize, readAhead);
  }

  /** Lazy results in completion order. */
  imapUnordered<K extends TaskName<M>>(
    task: K,
    items: Items<TaskItem<M, K>>,
    options?: MapOptions,
  ): AsyncGenerator<TaskResult<M, K>> {
    const { chunksize, readAhead, submit } = this.#streamParts(task, items, options);
    return unorderedResults(items, submit, chunksize, readAhead);
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
    return this.#engine.submit(task, args ?? [], false, options, true);
  }

  #mapChunks(
    task: string,
    list: unknown[] | { error: unknown },
    chunk: Chunk,
    options: MapOptions | undefined,
  ): Promise<unknown[]> {
    if (!Array.isArray(list)) return Promise.reject(list.error);
    let chunksize: number;
    try {
      chunksize = positiveInteger("chunksize", options?.chunksize, this.#autoChunksize(list.length));
    } catch (error) {
      return Promise.reject(error);
    }
    const callOptions = { signal: options?.signal, timeout: options?.timeout };
    const parts: Promise<unknown>[] = [];
    for (let i = 0; i < list.length; i += chunksize) {
      parts.push(this.#engine.submit(task, list.slice(i, i + chunksize), chunk, callOptions, false));
    }
    return Promise.all(parts).then((results) => concat(results as unknown[][]));
  }

  /** Python's rule: about four chunks per worker slot. */
  #autoChunksize(count: number): number {
    const slots = this.#engine.options.workers * this.#engine.options.concurrency * 4;
    return Math.max(1, Math.ceil(count / slots));
  }

  #streamParts(task: string, items: unknown, options: MapOptions | undefined) {
    if (
      items === null ||
      typeof items !== "object" ||
      !(Symbol.iterator in items || Symbol.asyncIterator in items)
    ) {
      throw new InvalidArgumentError("items must be an iterable or an async iterable", { task });
    }
    const chunksize = positiveInteger("chunksize", options?.chunksize, 1);
    const { workers, concurrency } = this.#engine.options;
    const callOptions = { signal: options?.signal, timeout: options?.timeout };
    const submit = (items: unknown[]) =>
      this.#engine.submit(task, items, "items", callOptions, false) as Promise<unknown[]>;
    return { chunksize, readAhead: workers * concurrency * 2, submit };
  }
}

/** The items as an array (argument lists for starmap), or the error that says why they are not. */
function toList(items: unknown, spread: boolean): unknown[] | { error: unknown } {
  if (items === null || typeof items !== "object" || !(Symbol.iterator in items)) {
    return { error: new InvalidArgumentError("items must be an iterable (use imap for an async iterable)") };
  }
  let list: unknown[];
  try {
    list = Array.isArray(items) ? items : [...(items as Iterable<unknown>)];
  } catch (error) {
    return { error }; // the source itself threw: map() rejects with its error, as Python's raises it
  }
  if (spread && !list.every(Array.isArray))
    return { error: new InvalidArgumentError("starmap needs an array of arguments per item") };
  return list;
}

/** How many chunks one concat() call takes as arguments (far below any runtime's limit). */
const CONCAT_GROUP = 4096;

/**
 * The chunks' results in one array. Array.prototype.concat copies a packed array block by block
 * in native code, fast from the first call; a loop in JavaScript copies item by item, and is
 * slow until the JIT has compiled it (most of a short map's time). flat() is slower still. The
 * receiver is a new empty array: V8 copies into a frozen one (a shared constant) element by
 * element, 2× slower on Node 20 and 10× on Deno.
 */
function concat(chunks: unknown[][]): unknown[] {
  const groups: unknown[][] = [];
  for (let i = 0; i < chunks.length; i += CONCAT_GROUP) {
    groups.push(([] as unknown[]).concat(...chunks.slice(i, i + CONCAT_GROUP)));
  }
  return groups.length === 1 ? (groups[0] as unknown[]) : ([] as unknown[]).concat(...groups);
}
