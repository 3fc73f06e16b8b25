// A task's own progress: reportProgress(value) (from @multiproc/core/task) reaches the task server
// of the worker it runs in through a global hook (wire/progress-hook.ts), and goes to the parent
// as a "progress" message for the call that reported it, and for no other.
import { type ProgressReporter, progressHook, TASK_MODULE_REPORTS } from "../wire/progress-hook.ts";
import type { FromWorker } from "../wire/protocol.ts";

/**
 * Which call the code running now belongs to, across its awaits: what a runtime's
 * AsyncLocalStorage gives. Only needed where several calls run at once in one worker.
 */
export interface CallContext {
  /** Runs `fn` as part of call `id`, and everything it awaits. */
  run<T>(id: number, fn: () => T): T;
  /** The call the code running now belongs to, if any. */
  current(): number | undefined;
}

/** A CallContext over an AsyncLocalStorage (node:async_hooks, in Node, Deno and Bun alike). */
export function callContextOf(storage: {
  run<R>(store: number, fn: () => R): R;
  getStore(): number | undefined;
}): CallContext {
  return { run: (id, fn) => storage.run(id, fn), current: () => storage.getStore() };
}

/** The task server's side of reportProgress. */
export class CallProgress implements ProgressReporter {
  readonly #send: (message: FromWorker) => void;
  readonly #running: ReadonlySet<number>;
  #context: CallContext | undefined;

  /** `running`: the ids of the calls running now, kept by the task server. */
  constructor(send: (message: FromWorker) => void, running: ReadonlySet<number>) {
    this.#send = send;
    this.#running = running;
    progressHook().reporters.add(this);
  }

  /**
   * Whether calls must run inside a CallContext: the task module reports progress, and several
   * calls may run at once in this thread (`concurrency` above 1, or other servers sharing the
   * thread). Otherwise the one call running is the one that reports.
   */
  static needsContext(concurrency: number, sharedThread: boolean): boolean {
    return (
      (concurrency > 1 || sharedThread) &&
      (globalThis as Record<symbol, unknown>)[TASK_MODULE_REPORTS] === true
    );
  }

  /** From now on, calls run in `context` (see needsContext). */
  use(context: CallContext): void {
    this.#context = context;
  }

  /** Runs a call's function as call `id` (inside the context, when there is one). */
  run<T>(id: number, fn: () => T): T {
    return this.#context ? this.#context.run(id, fn) : fn();
  }

  /** The worker is ending: its calls report nothing more. */
  silence(): void {
    progressHook().reporters.delete(this);
  }

  busy(): boolean {
    return this.#running.size > 0;
  }

  claim(): number | undefined {
    if (this.#context) {
      const id = this.#context.current();
      return id !== undefined && this.#running.has(id) ? id : undefined;
    }
    if (this.#running.size !== 1) return undefined;
    for (const id of this.#running) return id;
    return undefined;
  }

  send(id: number, value: unknown): void {
    try {
      this.#send({ t: "progress", id, value });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TypeError(`reportProgress: the value cannot be sent to the pool (${why})`);
    }
  }
}
