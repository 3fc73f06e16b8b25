// The task module of the browser tests: plain JavaScript, no imports, as a page serves it.
export const square = (x) => x * x;
export const add = (a, b) => a + b;
export const sleep = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
/** Waits `ms`, then returns it. */
export const waitMs = (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms));
/** A synchronous loop that never ends: only terminating the worker stops it. */
export function spin() {
  for (;;) {}
}
export function throwsTypeError(message) {
  throw new TypeError(message);
}
/** The worker closes itself mid-task, as process.exit(0) elsewhere: nothing after it runs. */
export function closesItself() {
  self.close();
  return "returned after close()";
}
/** An error nothing catches, thrown from a timer after the task has returned. */
export function failsLater() {
  setTimeout(() => {
    throw new RangeError("thrown from a timer");
  }, 0);
  return new Promise(() => {});
}
export const whereAmI = () => ({
  worker: typeof WorkerGlobalScope !== "undefined",
  href: self.location.href,
});
export const echo = (value) => value;
