// Core's own engine: the calls of a pool run on its adapter's workers. Submit, dispatch in FIFO
// order, settle, time out, abort, replace dead workers, close and terminate; the engine kit does
// admission, watching, settle-once and the drain. The typed, Python-shaped API is in pool.ts.
import { isLastingImportFailure } from "../../wire/missing-module.ts";
import type { Adapter, WorkerExit } from "../adapter.ts";
import {
  MemoryLimitError,
  ModuleLoadError,
  type MultiprocError,
  WorkerExitError,
  WorkerStartError,
} from "../errors.ts";
import type { ResolvedPoolOptions } from "../options.ts";
import type { PoolStats } from "./call-stats.ts";
import type { CallRequest, Engine, EngineObserver } from "./engine.ts";
import { EngineKit } from "./engine-kit.ts";
import { countWorkers } from "./local-stats.ts";
import { FifoScheduler } from "./scheduler.ts";
import { Task } from "./task.ts";
import { type Answer, type SlotEvents, type SlotTask, WorkerSlot } from "./worker-slot.ts";

/**
 * Core's own engine: one FIFO queue, workers of the adapter started as calls need them (up to
 * `workers`), dead workers replaced, per-call timeout and abort, close/join/terminate.
 */
export class LocalEngine implements Engine {
  /** The pool's settings, checked and with defaults filled in. */
  readonly options: ResolvedPoolOptions;
  readonly #adapter: Adapter;
  readonly #kit: EngineKit<SlotTask>;
  readonly #scheduler: FifoScheduler<SlotTask>;
  /** Live workers, in start order (an array: the scheduler walks it after every answer). */
  readonly #slots: WorkerSlot[] = [];
  readonly #events: SlotEvents;
  #nextId = 1;
  #spawned = 0;
  /** Workers that failed to start since the last one that did (see maxStartFailures). */
  #startFailures = 0;
  /** Resolves the shutdown's wait once the last worker has ended. */
  #lastWorkerGone: (() => void) | undefined;
  /** The lifetimes of the workers that have ended, summed (ms): for utilization. */
  #endedWorkerMs = 0;
  /** Calls have waited in the queue since it was last empty: its emptying is a "drain". */
  #queueHeld = false;

  constructor(options: ResolvedPoolOptions, adapter: Adapter) {
    this.options = options;
    this.#adapter = adapter;
    this.#scheduler = new FifoScheduler<SlotTask>(options);
    this.#kit = new EngineKit<SlotTask>(options, {
      stop: (task, error) => this.#cancel(task, error),
      shutdown: () => this.#allWorkersGone(),
      withdraw: (task, error) => {
        if (task.state !== "queued") return; // sent: it runs on
        this.#scheduler.remove(task);
        this.#kit.settle(task, false, error);
      },
    });
    this.#events = {
      ready: (slot) => {
        this.#startFailures = 0;
        this.#kit.observer?.workerStarted({ pid: slot.pid, kind: options.kind });
        this.#pump();
      },
      initFailed: (slot, error) => {
        slot.kill("SIGTERM", this.options.terminateGrace);
        // A module that is not there (or cannot load as it is) fails the same way on the next try.
        const lasting =
          error instanceof ModuleLoadError &&
          error.remote !== undefined &&
          isLastingImportFailure(error.remote);
        this.#startFailed(error, lasting);
      },
      answered: (slot, answer, more) => this.#answered(slot, answer, more),
      exited: (slot, exit) => this.#exited(slot, exit),
      // A worker terminate() cannot end stays counted, but does not hold up the shutdown.
      unstoppable: () => this.#checkWorkersGone(),
    };
    // minWorkers: started now, to load the module while the program gets its work ready.
    for (let i = 0; i < options.minWorkers; i++) this.#spawn();
  }

  /** Whether close() or terminate() was called. */
  get closed(): boolean {
    return this.#kit.closed;
  }

  /** Workers alive now (starting, ready or finishing their last tasks). */
  get workerCount(): number {
    return this.#slots.length;
  }

  /** Queues one call (or one chunk of calls, run in one message). */
  submit(request: CallRequest): Promise<unknown> {
    const promise = this.#enqueue(request);
    this.#handOutQueued();
    return promise;
  }

  /**
   * Queues a map's chunks together, then hands them out once: knowing them all, the scheduler
   * spreads them evenly, up to its window ahead (about AHEAD_MS of work per worker), instead of
   * sending the first few one by one as they come and the rest only as answers come back.
   */
  submitAll(requests: readonly CallRequest[]): Promise<unknown>[] {
    const promises = requests.map((request) => this.#enqueue(request));
    this.#handOutQueued();
    return promises;
  }

  #enqueue(request: CallRequest): Promise<unknown> {
    const kit = this.#kit;
    const refused = kit.refuse(request);
    if (refused) return Promise.reject(refused);
    const task: SlotTask = new Task(this.#nextId++, request);
    kit.track(task, request);
    this.#scheduler.enqueue(task);
    return task.promise;
  }

  #handOutQueued(): void {
    this.#pump();
    if (this.#scheduler.waiting > 0) this.#queueHeld = true;
  }

  /** Tells `observer` of drains and of workers starting and ending. */
  observe(observer: EngineObserver): void {
    this.#kit.observer = observer;
  }

  /** The workers, the queue, and the calls counted and timed by the kit. */
  stats(): PoolStats {
    const { workers, aliveMs } = countWorkers(this.#slots);
    const queued = this.#scheduler.waiting;
    const slotMs = (this.#endedWorkerMs + aliveMs) * this.options.concurrency;
    return {
      workers,
      queued,
      running: this.#kit.unsettled - queued,
      ...this.#kit.callStats(),
      utilization: slotMs > 0 ? Math.min(1, this.#kit.calls.busyMs / slotMs) : 0,
    };
  }

  /** Takes no new calls; queued and running ones still finish, then the workers are stopped. */
  close(): void {
    this.#kit.close();
    this.#pump();
  }

  /** Resolves once a closed pool has finished every accepted task and every worker has ended. */
  join(): Promise<void> {
    return this.#kit.join();
  }

  /** Ends every worker now; unfinished tasks reject with PoolClosedError. */
  terminate(): Promise<void> {
    const kit = this.#kit;
    kit.beginTermination();
    for (const task of this.#scheduler.drain()) kit.settle(task, false, kit.terminatedError(task.fn, false));
    for (const slot of [...this.#slots]) {
      const { started, unstarted } = slot.takeUnanswered();
      for (const task of started) kit.settle(task, false, kit.terminatedError(task.fn, true));
      for (const task of unstarted) kit.settle(task, false, kit.terminatedError(task.fn, false));
      slot.kill("SIGTERM", this.options.terminateGrace);
    }
    return kit.whenDrained();
  }

  #site() {
    return { module: this.options.module };
  }

  /** Ends a call early: out of the queue if it waits, or its worker replaced if it runs. */
  #cancel(task: SlotTask, error: MultiprocError): void {
    if (task.state === "queued") {
      this.#scheduler.remove(task);
      this.#kit.settle(task, false, error);
    } else if (task.state === "running" && task.holder) {
      const slot = task.holder;
      slot.untrack(task);
      this.#kit.settle(task, false, error);
      slot.kill("SIGKILL");
      this.#pump();
    }
  }

  #answered(slot: WorkerSlot, answer: Answer, more: boolean): void {
    this.#scheduler.observe(answer.ms);
    this.#kit.ran(answer.task, answer.ms);
    this.#kit.settle(answer.task, answer.ok, answer.value);
    if (this.#scheduler.shouldRetire(slot)) slot.stop();
    if (!more) this.#pump(); // once for a message of answers: it hands out the room they all freed
  }

  #exited(slot: WorkerSlot, exit: WorkerExit): void {
    const at = this.#slots.indexOf(slot);
    if (at !== -1) this.#slots.splice(at, 1);
    slot.clearIdleTimer();
    this.#endedWorkerMs += performance.now() - slot.startedAt;
    if (slot.readyOnce) {
      const info = {
        pid: slot.pid,
        kind: this.options.kind,
        exitCode: exit.code,
        signal: exit.signal,
      };
      this.#kit.observer?.workerExited(info);
    }
    const terminated = this.#kit.terminated;
    const detail =
      slot.killedWith && !terminated
        ? "its worker was ended to stop another task (timeout or abort)"
        : exitReason(exit);
    // The calls it had started fail with it; those it never started go back to the head of the queue.
    const { started, unstarted } = slot.takeUnanswered();
    for (const task of started) {
      const site = { task: task.fn, module: this.options.module };
      const memory = exit.memory;
      const error = memory
        ? new MemoryLimitError(memory.limitMiB, memory.usedMiB, exit, site)
        : new WorkerExitError(exit.code, exit.signal, site, detail);
      this.#kit.settle(task, false, error);
    }
    this.#scheduler.requeueFront(unstarted);
    // A worker killed from outside while it started (SIGKILL or SIGTERM: an operator, the OOM
    // killer) is not the tasks' fault: it is replaced below and they wait. One that exited by
    // itself, or crashed (SIGSEGV, SIGABRT: out of memory), may do so again: that counts.
    // One ended for its memory (maxMemory too low for the runtime, a module that allocates at
    // import) would be again: that counts too.
    const killedFromOutside = !exit.memory && (exit.signal === "SIGKILL" || exit.signal === "SIGTERM");
    if (!slot.readyOnce && !slot.killedWith && !terminated && !killedFromOutside) {
      const memory = exit.memory;
      this.#startFailed(
        memory
          ? new MemoryLimitError(memory.limitMiB, memory.usedMiB, exit, this.#site())
          : new WorkerExitError(exit.code, exit.signal, this.#site(), exitReason(exit), "during start-up"),
      );
    }
    this.#pump();
    this.#checkWorkersGone();
  }

  /**
   * A worker failed to start. The failure may be passing, so a new worker is tried; only after
   * `maxStartFailures` in a row, with no worker started between them, do the waiting tasks fail.
   */
  #startFailed(error: MultiprocError, final = false): void {
    if (++this.#startFailures < this.options.maxStartFailures && !final) return;
    this.#startFailures = 0;
    this.#rejectQueued(error);
  }

  #rejectQueued(error: MultiprocError): void {
    for (const task of this.#scheduler.drain()) this.#kit.settle(task, false, error);
  }

  /** Sends a task to the worker the scheduler chose (made once: it runs for every task). */
  readonly #assign = (task: SlotTask, slot: WorkerSlot): void => {
    if (slot.inFlight === 0) slot.busy(); // only an idle worker has a timer and an unref to undo
    slot.assign(task);
  };

  /** Acts on every scheduling decision due now: calls to send, workers to start, stop or idle. */
  #pump(): void {
    if (this.#kit.terminated) return;
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
      // The pool's only call, none waiting: its caller likely awaits each answer, and the worker
      // may watch for the next call (see Call.spin). The kit counts them already.
      const alone = this.#kit.unsettled === 1;
      for (let s = 0; s < slots.length; s++) {
        const failed = (slots[s] as WorkerSlot).flush(alone);
        for (let i = 0; i < failed.length; i++) {
          const { task, error } = failed[i] as (typeof failed)[number];
          this.#kit.settle(task, false, error);
          unsendable++;
        }
      }
    } while (unsendable > 0 && scheduler.waiting > 0);
    const toStart = scheduler.workersToStart(slots);
    for (let i = 0; i < toStart; i++) this.#spawn();
    const closed = this.#kit.closed;
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s] as WorkerSlot;
      const action = scheduler.whenIdle(slot, closed);
      if (action === "stop") slot.stop();
      else if (action === "idle") slot.idle(this.options.idleTimeout);
    }
    if (this.#queueHeld && scheduler.waiting === 0) {
      this.#queueHeld = false;
      this.#kit.observer?.drained();
    }
  }

  #spawn(): void {
    const { module, kind, initializer, initArgs, concurrency, maxMemory } = this.options;
    try {
      this.#slots.push(
        new WorkerSlot({
          adapter: this.#adapter,
          kind,
          name: `multiproc-${kind}-${++this.#spawned}`,
          maxMemory,
          init: { module, initializer, initArgs, concurrency },
          events: this.#events,
        }),
      );
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.#rejectQueued(new WorkerStartError(detail, this.#site(), error));
    }
  }

  /**
   * The shutdown's wait (see KitHooks.shutdown): every worker has ended, but for those that
   * cannot be ended (they stay counted in stats(), and end when their synchronous loop does).
   */
  #allWorkersGone(): Promise<void> | undefined {
    if (this.#onlyUnstoppableLeft()) return undefined;
    return new Promise((resolve) => {
      this.#lastWorkerGone = resolve;
    });
  }

  #checkWorkersGone(): void {
    if (this.#onlyUnstoppableLeft()) this.#lastWorkerGone?.();
  }

  #onlyUnstoppableLeft(): boolean {
    return this.#slots.every((slot) => slot.unstoppable);
  }
}

/** What the runtime said of why the worker ended (an uncaught error, …), or "". */
function exitReason(exit: WorkerExit): string {
  if (exit.error instanceof Error) return `${exit.error.name}: ${exit.error.message}`;
  return exit.error ? String(exit.error) : "";
}
