// When the calls a driver gathers go to Redis: at once for a lone call on an idle pool, at the end
// of the event loop's turn for a busy one (so that a burst travels in one addBulk).

/** Runs `fn` once this turn of the event loop is done: the calls submitted in it travel together. */
export const nextTurn: (fn: () => void) => void =
  typeof setImmediate === "function" ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);

/** Runs `fn` once the code now running is done: the calls it submits travel together, at once. */
export const soon = (fn: () => void) => queueMicrotask(fn);
