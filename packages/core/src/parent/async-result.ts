// Python's AsyncResult, as a thenable: `await r` or r.get() for the value, r.wait() to wait without
// it, r.ready() and r.successful() to look without waiting.
import { InvalidStateError, TimeoutError } from "./errors.ts";

/** How long `AsyncResult.get()` and `wait()` wait. */
export interface WaitOptions {
  /** Milliseconds to wait at most. */
  timeout?: number | undefined;
}

/**
 * Python's `AsyncResult`: the outcome of a task started with `applyAsync`, `mapAsync` or
 * `starmapAsync`. Awaitable (`await r` is `r.get()`). A failure nobody reads does not surface as an
 * unhandled rejection: as in Python, the error waits for `get()`.
 */
export class AsyncResult<T> implements PromiseLike<T> {
  readonly #promise: Promise<T>;
  #state: "pending" | "fulfilled" | "rejected" = "pending";
  readonly #label: string;

  /** Wraps a call's promise; `label` (the task's name) goes into error messages. Pools make these. */
  constructor(promise: Promise<T>, label = "") {
    this.#label = label;
    this.#promise = promise;
    // Observing the outcome here also keeps an ignored failure from crashing the program as an
    // unhandled rejection: as in Python, the error waits for get().
    promise.then(
      () => {
        this.#state = "fulfilled";
      },
      () => {
        this.#state = "rejected";
      },
    );
  }

  /** Makes the result awaitable: `await r` gives the value or throws the task's error, as `get()` does. */
  // biome-ignore lint/suspicious/noThenProperty: AsyncResult is deliberately awaitable.
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#promise.then(onFulfilled, onRejected);
  }

  /** The value; rejects with the task's error, or with TimeoutError when `timeout` runs out first (the task goes on). */
  get(options: WaitOptions = {}): Promise<T> {
    const { timeout } = options;
    if (timeout === undefined || this.#state !== "pending") return this.#promise;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new TimeoutError(timeout, { task: this.#label }, "result not ready")),
        timeout,
      );
      this.#promise.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  /** Resolves when the result is ready, or when `timeout` runs out; never rejects. */
  wait(options: WaitOptions = {}): Promise<void> {
    const settled = this.#promise.then(
      () => undefined,
      () => undefined,
    );
    const { timeout } = options;
    if (timeout === undefined) return settled;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeout);
      settled.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Whether the task has finished, successfully or not. */
  ready(): boolean {
    return this.#state !== "pending";
  }

  /** Whether the task succeeded. Throws InvalidStateError while it is not ready, as Python's does. */
  successful(): boolean {
    if (this.#state === "pending") {
      throw new InvalidStateError("successful() called before the result is ready", { task: this.#label });
    }
    return this.#state === "fulfilled";
  }
}
