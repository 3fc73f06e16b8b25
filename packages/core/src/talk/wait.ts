// Waiting for a shared Int32 to change, without blocking the thread: Atomics.waitAsync (Node,
// Deno, Bun and Chromium have it) or, where it is missing, polling on timers. While a wait is
// pending a timer keeps the program alive, as a blocked get() keeps a Python program alive
// (Deno would otherwise never deliver the wake-up, and end the program instead).

/** How a wait ended: woken, the value had already changed, or the time ran out. */
export type WaitResult = "ok" | "not-equal" | "timed-out";

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: false; value: "not-equal" | "timed-out" } | { async: true; value: Promise<"ok" | "timed-out"> };

const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

let pending = 0;
let keepAlive: ReturnType<typeof setInterval> | undefined;

function hold(): void {
  if (pending++ === 0) keepAlive = setInterval(() => {}, 1 << 30);
}

function letGo(): void {
  if (--pending === 0) clearInterval(keepAlive);
}

/**
 * Resolves once `array[index]` is no longer `value` (or may not be: a wake-up is a hint, the
 * caller looks again), or after `timeoutMs` (Infinity: no limit).
 */
export async function waitChange(
  array: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
): Promise<WaitResult> {
  if (Atomics.load(array, index) !== value) return "not-equal";
  if (timeoutMs <= 0) return "timed-out";
  hold();
  try {
    if (waitAsync) {
      const result = waitAsync(array, index, value, timeoutMs);
      return result.async ? await result.value : result.value;
    }
    return await poll(array, index, value, timeoutMs);
  } finally {
    letGo();
  }
}

/**
 * As waitChange, but without keeping the program alive: for a watch that lasts as long as its
 * object (a Barrier's action), which must not hold the program open by itself.
 */
export async function watchChange(array: Int32Array, index: number, value: number): Promise<void> {
  if (waitAsync) {
    const result = waitAsync(array, index, value);
    if (result.async) await result.value;
    return;
  }
  await poll(array, index, value, Number.POSITIVE_INFINITY);
}

/** The fallback: look again on timers that back off from 1 to 16 ms. */
async function poll(array: Int32Array, index: number, value: number, timeoutMs: number): Promise<WaitResult> {
  const end = performance.now() + timeoutMs;
  let step = 1;
  while (Atomics.load(array, index) === value) {
    const left = end - performance.now();
    if (left <= 0) return "timed-out";
    await new Promise((resolve) => setTimeout(resolve, Math.min(step, left)));
    step = Math.min(step * 2, 16);
  }
  return "ok";
}

/** Wakes up to `count` waiters on `array[index]`, in the order they began to wait. */
export function wake(array: Int32Array, index: number, count = Number.POSITIVE_INFINITY): void {
  Atomics.notify(array, index, count);
}

/** A deadline from a timeout in ms (undefined: none): `left()` is what remains, Infinity when none. */
export function deadline(timeoutMs: number | undefined): { left(): number } {
  if (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY)
    return { left: () => Number.POSITIVE_INFINITY };
  const end = performance.now() + Math.max(0, timeoutMs);
  return { left: () => Math.max(0, end - performance.now()) };
}
