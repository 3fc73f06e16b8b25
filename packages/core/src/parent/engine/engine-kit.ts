// What every engine does the same way, written once: admission (refuseCall), each call's timeout
// and abort watched (watchCall), each call settled once and counted until then, and the drain
// that close(), join() and terminate() wait for. An engine keeps only what is its own: where
// calls run and how they come back.
import { AbortError, InvalidStateError, type MultiprocError, PoolClosedError } from "../errors.ts";
import type { EngineOptions } from "../options.ts";
import { refuseCall } from "./call-admission.ts";
import { CallStats, type PoolStats } from "./call-stats.ts";
import { watchCall } from "./call-watch.ts";
import type { CallRequest, EngineObserver } from "./engine.ts";
import { onAbort } from "./shared-abort.ts";
import type { Task } from "./task.ts";

/** What an engine gives its kit. */
export interface KitHooks<T extends Task<unknown>> {
  /**
   * Ends a call early (its timeout passed, or its signal aborted): the engine takes it back from
   * wherever it is, settles it with `error` through the kit, and stops what runs it.
   */
  stop(task: T, error: MultiprocError): void;
  /**
   * Called once, when the engine is closed and every call has settled: ends what is left (idle
   * workers, connections). join() resolves when the promise it returns does.
   */
  shutdown(): Promise<void> | void;
  /**
   * The call's bulk call is withdrawn (CallRequest.withdraw): if no worker has it yet, the engine
   * takes it back and settles it with `error`; one already sent runs on. Without it, withdrawn
   * calls run on.
   */
  withdraw?(task: T, error: MultiprocError): void;
}

/** Admission, watching, settle-once and drain for one engine (see the file's head). */
export class EngineKit<T extends Task<unknown>> {
  /** Calls counted and timed, for stats(). */
  readonly calls: CallStats = new CallStats();
  /** Who hears the engine's events (its Pool), once it asked (Engine.observe). */
  observer: EngineObserver | undefined;
  readonly #options: EngineOptions;
  readonly #hooks: KitHooks<T>;
  #closed = false;
  #terminated = false;
  #unsettled = 0;
  #drained: Promise<void> | undefined;
  #markDrained: (() => void) | undefined;
  #shutdownStarted = false;

  constructor(options: EngineOptions, hooks: KitHooks<T>) {
    this.#options = options;
    this.#hooks = hooks;
  }

  /** close() or terminate() was called: no new call is taken. */
  get closed(): boolean {
    return this.#closed;
  }

  /** terminate() was called. */
  get terminated(): boolean {
    return this.#terminated;
  }

  /** Calls taken and not yet settled, waiting or running. */
  get unsettled(): number {
    return this.#unsettled;
  }

  /** The error to reject `request` with (bad input, closed, full queue, aborted), or undefined to take it. */
  refuse(request: CallRequest): Error | undefined {
    return refuseCall(request, this.#options, {
      closed: this.#closed,
      terminated: this.#terminated,
      inSystem: this.#unsettled,
    });
  }

  /** Counts a call taken until it settles, and watches its timeout, its signal and its bulk call's withdrawal. */
  track(task: T, request: CallRequest): void {
    this.#unsettled++;
    const withdraw = request.withdraw && this.#hooks.withdraw ? request.withdraw : undefined;
    if (!task.cancellable && !withdraw) return;
    const site = { task: task.fn, module: this.#options.module };
    const unwatch = watchCall(request.options, site, (error) => this.#hooks.stop(task, error));
    if (!withdraw) {
      task.watchedUntilSettled(unwatch);
      return;
    }
    const unlisten = onAbort(withdraw, () =>
      this.#hooks.withdraw?.(task, new AbortError(withdraw.reason, site)),
    );
    task.watchedUntilSettled(() => {
      unwatch();
      unlisten();
    });
  }

  /** Settles a call, once: false if it was settled already (a timeout, terminate() or its worker's death came first). */
  settle(task: T, ok: boolean, value: unknown): boolean {
    if (!task.settle(ok, value)) return false;
    if (ok) this.calls.completed++;
    else this.calls.failed++;
    if (--this.#unsettled === 0 && this.#closed) this.#shutDownOnce();
    return true;
  }

  /** A call ran `runMs` in its worker (its wait is from when it was taken until it was sent). */
  ran(task: T, runMs: number): void {
    this.calls.record(runMs, task.sentAt > 0 ? task.sentAt - task.createdAt : 0);
  }

  /** The call counts and percentiles of stats(); the engine adds its workers, queue and utilization. */
  callStats(): Pick<PoolStats, "completed" | "failed" | "runTime" | "waitTime"> {
    return { completed: this.calls.completed, failed: this.calls.failed, ...this.calls.percentiles() };
  }

  /** The error a call gets when terminate() ends it: `started` says whether it had begun to run, if known. */
  terminatedError(task: string, started: boolean | undefined): PoolClosedError {
    const when =
      started === undefined
        ? "before the task finished"
        : started
          ? "while the task ran"
          : "before the task started";
    return new PoolClosedError(`the pool was terminated ${when}`, { task, module: this.#options.module });
  }

  /** close(): no new calls; once the accepted ones settle, the engine shuts down. */
  close(): void {
    this.#closed = true;
    if (this.#unsettled === 0) this.#shutDownOnce();
  }

  /** terminate(), first step: no new calls. The engine then settles every call with terminatedError() and stops its workers. */
  beginTermination(): void {
    this.#closed = true;
    this.#terminated = true;
  }

  /** Resolves once the engine is closed, every call has settled and its shutdown is done. */
  whenDrained(): Promise<void> {
    this.#drained ??= new Promise((resolve) => {
      this.#markDrained = resolve;
    });
    if (this.#closed && this.#unsettled === 0) this.#shutDownOnce();
    return this.#drained;
  }

  /** join(): InvalidStateError unless close() or terminate() came first, else whenDrained(). */
  join(): Promise<void> {
    if (!this.#closed) {
      return Promise.reject(
        new InvalidStateError("join() needs close() or terminate() first", { module: this.#options.module }),
      );
    }
    return this.whenDrained();
  }

  #shutDownOnce(): void {
    if (this.#shutdownStarted) return;
    this.#shutdownStarted = true;
    void Promise.resolve()
      .then(() => this.#hooks.shutdown())
      .then(
        () => this.#finishDrain(),
        () => this.#finishDrain(),
      );
  }

  #finishDrain(): void {
    this.#drained ??= Promise.resolve();
    this.#markDrained?.();
  }
}
