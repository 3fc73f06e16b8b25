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
 * reply needs no promise and no microtask. `results` and `from`: the results of calls already
 * made, and the call to go on from (see runNumberChunk).
 */
export function runChunk(
  fn: Task,
  calls: ChunkCalls,
  spread: boolean,
  results: unknown[] = [],
  from = 0,
): unknown[] | Promise<unknown[]> {
  const { count, at, list } = calls;
  // `results` is filled by push, not preallocated: a preallocated (holey) array is cloned element
  // by element as a sparse one, several times slower to send and to read than a packed one.
  for (let i = from; i < count; i++) {
    const item = list === undefined ? at(i) : list[i];
    const result = spread ? fn(...(item as unknown[])) : fn(item);
    if (isThenable(result)) return finishAwaiting(fn, calls, spread, results, i, result);
    results.push(result);
  }
  return results;
}

/**
 * A chunk of numbers that came as a Float64Array (a packed map, see wire/records.ts): while the
 * task returns numbers, one loop writes them into a Float64Array, which goes back as it is. No
 * call per item to read it, no array of results, no second loop to pack them: in a new worker,
 * whose code is still interpreted, that is most of a map's time. From the first result that is
 * not a number on, the chunk goes on as runChunk() runs it, each call still made once.
 */
export function runNumberChunk(
  fn: Task,
  column: Float64Array,
): Float64Array | unknown[] | Promise<unknown[]> {
  const count = column.length;
  const numbers = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const result = fn(column[i]);
    if (typeof result === "number") {
      numbers[i] = result;
      continue;
    }
    const results: unknown[] = [];
    for (let k = 0; k < i; k++) results.push(numbers[k]);
    const calls: ChunkCalls = { count, at: (j) => column[j] };
    if (isThenable(result)) return finishAwaiting(fn, calls, false, results, i, result);
    results.push(result);
    return runChunk(fn, calls, false, results, i + 1);
  }
  return numbers;
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
