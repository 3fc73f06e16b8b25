// The life of a pool's tasks and workers: submit, dispatch in FIFO order, settle, time out,
// abort, replace dead workers, close and terminate. The typed, Python-shaped API is in pool.ts.
import type { Adapter, WorkerExit } from "./adapter.ts";
import { type Engine, refuseCall } from "./engine.ts";
import {
  AbortError,
  InvalidStateError,
  type MultiprocError,
  PoolClosedError,
  TimeoutError,
  WorkerExitError,
  WorkerStartError,
} from "./errors.ts";
import type { CallOptions, ResolvedPoolOptions } from "./options.ts";
import type { Chunk } from "./protocol.ts";
import { FifoScheduler } from "./scheduler.ts";
import { Task } from "./task.ts";
import { type SlotEvents, type SlotTask, WorkerSlot } from "./worker-slot.ts";

/**
 * multiproc's own engine: one FIFO queue, workers started as tasks need them (up to `workers`),
 * dead workers replaced, per-call timeout and abort, close/join/terminate.
 */
export class PoolEngine implements Engine {
  /** The pool's settings, checked and with defaults filled in. */
  readonly options: ResolvedPoolOptions;
  readonly #adapter: Adapter;
  readonly #scheduler: FifoScheduler<SlotTask>;
  /** Live workers, in start order (an array: the scheduler walks it after every answer). */
  readonly #slots: WorkerSlot[] = [];
  readonly #events: SlotEvents;
  readonly #drainWaiters: (() => void)[] = [];
  #nextId = 1;
  #spawned = 0;
  /** Calls sent to a worker and not yet settled. */
  #running = 0;
  #closed = false;
  #terminated = false;
  /** Workers that failed to start since the last one that did (see maxStartFailures). */
  #startFailures = 0;

  constructor(options: ResolvedPoolOptions, adapter: Adapter) {
    this.options = options;
    this.#adapter = adapter;
    this.#scheduler = new FifoScheduler<SlotTask>(options);
    this.#events = {
      ready: () => {
        this.#startFailures = 0;
        this.#pump();
      },
      initFailed: (slot, error) => {
        slot.kill("SIGTERM", this.options.terminateGrace);
        this.#startFailed(error);
      },
      settled: (slot, task, ok, value, ms, more) => this.#settled(slot, task, ok, value, ms, more),
      exited: (slot, exit) => this.#exited(slot, exit),
    };
  }

  /** Whether close() or terminate() was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Workers alive now (starting, ready or finishing their last tasks). */
  get workerCount(): number {
    return this.#slots.length;
  }

  /**
   * Queues one call (or, with `chunk`, a list of calls run in one message). `bounded` calls count
   * against maxQueue; the chunks of map/imap do not, as their read-ahead bounds them already.
   */
  submit(
    fn: string,
    args: unknown[],
    chunk: Chunk | false,
    options: CallOptions | undefined,
    bounded: boolean,
  ): Promise<unknown> {
    const refused = refuseCall(fn, options, bounded, this.options, {
      closed: this.#closed,
      terminated: this.#terminated,
      inSystem: this.#running + this.#scheduler.waiting,
    });
    if (refused) return Promise.reject(refused);
    const timeout = options?.timeout;
    const signal = options?.signal;
    const cancellable = timeout !== undefined || signal !== undefined;
    // A plain call (most of them, on the hot path) holds nothing but its promise's two functions:
    // the timer and abort listener, and their closures, are made only for a cancellable one.
    let task!: SlotTask;
    const cleanup = cancellable ? this.#watch(() => task, timeout, signal, fn) : noCleanup;
    const promise = new Promise<unknown>((resolve, reject) => {
      task = new Task({
        id: this.#nextId++,
        fn,
        args,
        chunk,
        transfer: options?.transfer,
        cancellable,
        resolve,
        reject,
        cleanup,
      });
    });
    this.#scheduler.enqueue(task);
    this.#pump();
    return promise;
  }

  /** Starts a cancellable call's timer and abort listener; returns what removes them. */
  #watch(
    task: () => SlotTask,
    timeout: number | undefined,
    signal: AbortSignal | undefined,
    fn: string,
  ): () => void {
    const site = { task: fn, module: this.options.module };
    const timer =
      timeout === undefined
        ? undefined
        : setTimeout(() => this.#cancel(task(), new TimeoutError(timeout, site)), timeout);
    const onAbort = signal && (() => this.#cancel(task(), new AbortError(signal.reason, site)));
    if (onAbort) signal?.addEventListener("abort", onAbort, { once: true });
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    };
  }

  /** Takes no new calls; queued and running ones still finish, then the workers are stopped. */
  close(): void {
    this.#closed = true;
    this.#pump();
  }

  /** Resolves once a closed pool has finished every accepted task and every worker has ended. */
  join(): Promise<void> {
    if (!this.#closed) {
      return Promise.reject(new InvalidStateError("join() needs close() or terminate() first", this.#site()));
    }
    return this.#whenDrained();
  }

  /** Ends every worker now; unfinished tasks reject with PoolClosedError. */
  terminate(): Promise<void> {
    this.#closed = true;
    this.#terminated = true;
    const terminated = (task: SlotTask, when: string) =>
      this.#finish(
        task,
        false,
        new PoolClosedError(`the pool was terminated ${when}`, { ...this.#site(), task: task.fn }),
      );
    for (const task of this.#scheduler.drain()) terminated(task, "before the task started");
    for (const slot of [...this.#slots]) {
      const { started, unstarted } = slot.takeUnanswered();
      for (const task of started) terminated(task, "while the task ran");
      for (const task of unstarted) terminated(task, "before the task started");
      slot.kill("SIGTERM", this.options.terminateGrace);
    }
    return this.#whenDrained();
  }

  #site() {
    return { module: this.options.module };
  }

  /** Ends a task early: out of the queue if it waits, or its worker replaced if it runs. */
  #cancel(task: SlotTask, error: MultiprocError): void {
    if (task.state === "queued") {
      this.#scheduler.remove(task);
      this.#finish(task, false, error);
    } else if (task.state === "running" && task.holder) {
      const slot = task.holder;
      slot.untrack(task);
      this.#finish(task, false, error);
      slot.kill("SIGKILL");
      this.#pump();
    }
  }

  #finish(task: SlotTask, ok: boolean, value: unknown): void {
    if (task.state === "running") this.#running--;
    task.settle(ok, value);
  }

  #settled(slot: WorkerSlot, task: SlotTask, ok: boolean, value: unknown, ms: number, more: boolean): void {
    this.#scheduler.observe(ms);
    this.#finish(task, ok, value);
    if (this.#scheduler.shouldRetire(slot)) slot.stop();
    if (!more) this.#pump(); // once for a message of answers: it hands out the room they all freed
  }

  #exited(slot: WorkerSlot, exit: WorkerExit): void {
    const at = this.#slots.indexOf(slot);
    if (at !== -1) this.#slots.splice(at, 1);
    slot.clearIdleTimer();
    const everReady = slot.readyOnce;
    const detail =
      slot.killedWith && !this.#terminated
        ? "its worker was ended to stop another task (timeout or abort)"
        : exitReason(exit);
    // The calls it had started fail with it; those it never started go back to the head of the queue.
    const { started, unstarted } = slot.takeUnanswered();
    for (const task of started) {
      this.#finish(
        task,
        false,
        new WorkerExitError(exit.code, exit.signal, { task: task.fn, module: this.options.module }, detail),
      );
    }
    this.#running -= unstarted.length;
    this.#scheduler.requeueFront(unstarted);
    // A worker killed from outside while it started (SIGKILL or SIGTERM: an operator, the OOM
    // killer) is not the tasks' fault: it is replaced below and they wait. One that exited by
    // itself, or crashed (SIGSEGV, SIGABRT: out of memory), may do so again: that counts.
    const killedFromOutside = exit.signal === "SIGKILL" || exit.signal === "SIGTERM";
    if (!everReady && !slot.killedWith && !this.#terminated && !killedFromOutside) {
      this.#startFailed(
        new WorkerExitError(exit.code, exit.signal, this.#site(), exitReason(exit), "during start-up"),
      );
    }
    this.#pump();
  }

  /**
   * A worker failed to start. The failure may be passing, so a new worker is tried; only after
   * `maxStartFailures` in a row, with no worker started between them, do the waiting tasks fail.
   */
  #startFailed(error: MultiprocError): void {
    if (++this.#startFailures < this.options.maxStartFailures) return;
    this.#startFailures = 0;
    this.#rejectQueued(error);
  }

  #rejectQueued(error: MultiprocError): void {
    for (const task of this.#scheduler.drain()) this.#finish(task, false, error);
  }

  /** Sends a task to the worker the scheduler chose (made once: it runs for every task). */
  readonly #assign = (task: SlotTask, slot: WorkerSlot): void => {
    if (slot.inFlight === 0) slot.busy(); // only an idle worker has a timer and an unref to undo
    slot.assign(task);
    this.#running++;
  };

  /** Acts on every scheduling decision due now: calls to send, workers to start, stop or idle. */
  #pump(): void {
    if (this.#terminated) {
      this.#checkDrained();
      return;
    }
    const scheduler = this.#scheduler;
    // A call that could not be sent frees its worker's room at once: hand out again, or the
    // calls behind it would wait for an answer that is never coming.
    // Index loops: this runs after every submit and every answer, and for-of over these
    // allocates an iterator each time.
    const slots = this.#slots;
    let unsendable = 0;
    do {
      scheduler.dispatch(slots, this.#assign);
      unsendable = 0;
      for (let s = 0; s < slots.length; s++) {
        const failed = (slots[s] as WorkerSlot).flush();
        for (let i = 0; i < failed.length; i++) {
          const { task, error } = failed[i] as (typeof failed)[number];
          this.#finish(task, false, error);
          unsendable++;
        }
      }
    } while (unsendable > 0 && scheduler.waiting > 0);
    const toStart = scheduler.workersToStart(slots);
    for (let i = 0; i < toStart; i++) this.#spawn();
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s] as WorkerSlot;
      const action = scheduler.whenIdle(slot, this.#closed);
      if (action === "stop") slot.stop();
      else if (action === "idle") slot.idle(this.options.idleTimeout);
    }
    this.#checkDrained();
  }

  #spawn(): void {
    const { module, kind, initializer, initArgs, concurrency } = this.options;
    try {
      const name = `multiproc-${kind}-${++this.#spawned}`;
      this.#slots.push(
        new WorkerSlot(
          this.#adapter,
          kind,
          { module, initializer, initArgs, concurrency },
          this.#events,
          name,
        ),
      );
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.#rejectQueued(new WorkerStartError(detail, this.#site(), error));
    }
  }

  #checkDrained(): void {
    if (!this.#closed || this.#slots.length > 0 || this.#scheduler.waiting > 0 || this.#running > 0) return;
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
  }

  #whenDrained(): Promise<void> {
    return new Promise((resolve) => {
      this.#drainWaiters.push(resolve);
      this.#checkDrained();
    });
  }
}

/** The cleanup of a call with no timer or listener. */
function noCleanup(): void {}

/** What the runtime said of why the worker ended (an uncaught error, …), or "". */
function exitReason(exit: WorkerExit): string {
  if (exit.error instanceof Error) return `${exit.error.name}: ${exit.error.message}`;
  return exit.error ? String(exit.error) : "";
}
