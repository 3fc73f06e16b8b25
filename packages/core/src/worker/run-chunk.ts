// Running a chunk's calls in the worker: synchronous results need no promise per item.

/** Whether a task returned something to await. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}

/** Runs a chunk's calls one after another; only a call that returns a promise is awaited. */
export async function runChunk(
  fn: (...args: unknown[]) => unknown,
  args: unknown[],
  items: boolean,
): Promise<unknown[]> {
  // Filled by push, not preallocated: a preallocated (holey) array is cloned element by element
  // as a sparse one, several times slower to send and to read than a packed one.
  const results: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    let result = items ? fn(args[i]) : fn(...(args[i] as unknown[]));
    if (result !== null && typeof (result as PromiseLike<unknown>)?.then === "function")
      result = await result;
    results.push(result);
  }
  return results;
}
