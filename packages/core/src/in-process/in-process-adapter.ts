// Like Python's multiprocessing.dummy: "workers" that run in the calling thread, for tests and
// debugging (a breakpoint in a task just works). Messages are still structured-cloned, so what
// cannot cross a real worker boundary fails here too, and each worker imports its own copy of
// the module. It cannot survive a crash or stop a synchronous loop: it has no real isolation.
import {
  type Adapter,
  FULL_CAPABILITIES,
  type SpawnOptions,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "../parent/adapter.ts";
import { moduleUrl } from "../parent/module-url.ts";
import type { FromWorker, ToWorker } from "../wire/protocol.ts";
import type { CallContext } from "../worker/call-progress.ts";
import { serveTasks, type TaskServer } from "../worker/task-server.ts";

let workerCount = 0;

class InProcessWorker implements WorkerHandle {
  readonly pid = undefined;
  #toParent: ((message: FromWorker) => void)[] = [];
  #toWorker: ((message: ToWorker) => void) | undefined;
  #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #alive = true;
  readonly #server: TaskServer;

  constructor(callContext: InProcessOptions["callContext"]) {
    const copy = ++workerCount;
    this.#server = serveTasks(
      {
        send: (message) => this.#deliver(message, undefined, (m) => this.#emit(m as FromWorker)),
        onMessage: (listener) => {
          this.#toWorker = listener;
        },
        close: () => queueMicrotask(() => this.#exit({ code: 0, signal: null })),
      },
      {
        // A query string per worker gives each its own module instance, as separate workers have.
        importModule: (url) => import(`${url}${url.includes("?") ? "&" : "?"}multiproc-worker=${copy}`),
        callContext,
        sharedThread: true,
      },
    );
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    this.#deliver(message, transfer, (m) => this.#toWorker?.(m as ToWorker));
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#toParent.push(listener);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.#exitListeners.push(listener);
  }

  terminate(): void {
    // worker_threads report code 1 for a terminated thread; do the same.
    queueMicrotask(() => this.#exit({ code: 1, signal: null }));
  }

  /** Clones now (so a bad value throws at the sender), delivers on a later microtask. */
  #deliver(message: unknown, transfer: readonly TransferItem[] | undefined, to: (m: unknown) => void): void {
    if (!this.#alive) return;
    const copy = structuredClone(message, transfer ? { transfer: [...transfer] as never[] } : undefined);
    queueMicrotask(() => {
      if (this.#alive) to(copy);
    });
  }

  #emit(message: FromWorker): void {
    for (const listener of this.#toParent) listener(message);
  }

  #exit(exit: WorkerExit): void {
    if (!this.#alive) return;
    this.#alive = false;
    this.#server.halt(); // its calls still running (it cannot stop them) report nothing more
    for (const listener of this.#exitListeners) listener(exit);
  }
}

/** Options of createInProcessAdapter(). */
export interface InProcessOptions {
  /**
   * Makes a CallContext (an AsyncLocalStorage: callContextOf from `@multiproc/core/worker`), so that
   * progress reports of calls running at once in this thread each reach their own call. Without
   * it, a report made while several in-process calls are busy throws.
   */
  callContext?: (() => CallContext | Promise<CallContext>) | undefined;
}

/**
 * An adapter whose "workers" run in the calling thread, like Python's `multiprocessing.dummy`: for
 * tests and debugging. Messages are still cloned and each worker imports its own copy of the
 * module, but nothing is isolated: it cannot survive a crash or stop a synchronous loop.
 */
export function createInProcessAdapter(options: InProcessOptions = {}): Adapter {
  return {
    name: "in-process",
    kinds: ["thread"],
    capabilities: {
      thread: {
        ...FULL_CAPABILITIES,
        crash: "in-process workers share the caller's thread: a worker that dies takes the caller with it",
        hardTimeout: "a synchronous loop in the caller's thread cannot be interrupted",
        signals: "there is no worker process to signal",
        undeliveredSends: "an in-process worker is never gone unseen",
        repliesWhileBusy:
          "in-process workers share the caller's thread: a task spinning there keeps the pool from hearing any result",
        memoryLimit: "in-process workers share the caller's heap: one cannot be bounded apart",
      },
    },
    spawn(_options: SpawnOptions): WorkerHandle {
      return new InProcessWorker(options.callContext);
    },
    availableParallelism: () =>
      (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 4,
    resolveModule: moduleUrl,
  };
}

/** The in-process adapter without a CallContext (see createInProcessAdapter). */
export const inProcessAdapter: Adapter = createInProcessAdapter();
