// A user's callback (onProgress) called from inside the pool's own bookkeeping: what it throws
// must not break that bookkeeping, so it is thrown again on its own, as an event listener's is.

/** Calls `callback(value)`; an error it throws surfaces as an uncaught error, after this returns. */
export function callSafely<T>(callback: (value: T) => void, value: T): void {
  try {
    callback(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
