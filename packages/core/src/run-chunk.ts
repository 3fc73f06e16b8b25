// Running a chunk's calls in the worker: synchronous results need no promise per item, nor one
// for the chunk.

/** Whether a task returned something to await. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}

type Task = (...args: unknown[]) => unknown;

/**
 * Runs a chunk's calls one after another: synchronously, and returning the results, while the
 * calls return plain values; from the first that returns a promise on, in finishAwaiting(). A
 * plain function, not an async one: the JIT compiles a loop of plain calls quickly, and the
 * reply needs no promise and no microtask.
 */
export function runChunk(fn: Task, args: unknown[], items: boolean): unknown[] | Promise<unknown[]> {
  // Filled by push, not preallocated: a preallocated (holey) array is cloned element by element
  // as a sparse one, several times slower to send and to read than a packed one.
  const results: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    const result = items ? fn(args[i]) : fn(...(args[i] as unknown[]));
    if (isThenable(result)) return finishAwaiting(fn, args, items, results, i, result);
    results.push(result);
  }
  return results;
}

/** The rest of a chunk from call `at`, whose promise is `pending`: each promise awaited in turn. */
async function finishAwaiting(
  fn: Task,
  args: unknown[],
  items: boolean,
  results: unknown[],
  at: number,
  pending: PromiseLike<unknown>,
): Promise<unknown[]> {
  results.push(await pending);
  for (let i = at + 1; i < args.length; i++) {
    let result = items ? fn(args[i]) : fn(...(args[i] as unknown[]));
    if (isThenable(result)) result = await result;
    results.push(result);
  }
  return results;
}
