// Running a chunk's calls in the worker: synchronous results need no promise per item, nor one
// for the chunk.

/**
 * Whether a task returned something to await. A primitive is answered by its type alone: looking
 * up `.then` on a number goes through Number.prototype, which a cold worker (the first maps of a
 * new pool, still interpreted) pays for on every item.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" || typeof value === "function"
    ? value !== null && typeof (value as PromiseLike<unknown>).then === "function"
    : false;
}

type Task = (...args: unknown[]) => unknown;

/** A chunk's calls: `count` of them, call `i` taking `at(i)` (an item, or an argument list to spread). */
export interface ChunkCalls {
  count: number;
  at: (i: number) => unknown;
  /** The items as they are, when they came as a list: read in place, without a call per item. */
  list?: readonly unknown[];
}

/** A chunk's calls from a list of items or argument lists. */
export function listCalls(list: readonly unknown[]): ChunkCalls {
  return { count: list.length, at: (i) => list[i], list };
}

/**
 * Runs a chunk's calls one after another: synchronously, and returning the results, while the
 * calls return plain values; from the first that returns a promise on, in finishAwaiting(). A
 * plain function, not an async one: the JIT compiles a loop of plain calls quickly, and the
 * reply needs no promise and no microtask.
 */
export function runChunk(fn: Task, calls: ChunkCalls, spread: boolean): unknown[] | Promise<unknown[]> {
  const { count, at, list } = calls;
  // Filled by push, not preallocated: a preallocated (holey) array is cloned element by element
  // as a sparse one, several times slower to send and to read than a packed one.
  const results: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const item = list === undefined ? at(i) : list[i];
    const result = spread ? fn(...(item as unknown[])) : fn(item);
    if (isThenable(result)) return finishAwaiting(fn, calls, spread, results, i, result);
    results.push(result);
  }
  return results;
}

/** The rest of a chunk from call `from`, whose promise is `pending`: each promise awaited in turn. */
async function finishAwaiting(
  fn: Task,
  { count, at }: ChunkCalls,
  spread: boolean,
  results: unknown[],
  from: number,
  pending: PromiseLike<unknown>,
): Promise<unknown[]> {
  results.push(await pending);
  for (let i = from + 1; i < count; i++) {
    let result = spread ? fn(...(at(i) as unknown[])) : fn(at(i));
    if (isThenable(result)) result = await result;
    results.push(result);
  }
  return results;
}
