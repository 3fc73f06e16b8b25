// Kind "thread": a Web Worker ({ type: "module" }) running thread-entry. Its exit is known from
// the entry's notice (self.close, Deno.exit, process.exit) or from an uncaught error event.
import {
  entryBeside,
  type FromWorker,
  isNotice,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
  type WorkerNotice,
} from "@multiproc/core/adapter";

const entry = entryBeside(import.meta.url, "thread-entry");
let nextId = 1;
const IDLE_GRACE_MS = 1000;
/** How often a worker that terminate() could not end is checked for having left its loop. */
const STUCK_CHECK_MS = 50;

export class ThreadWorker implements WorkerHandle {
  readonly pid: number = nextId++;
  readonly #worker: Worker;
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #ended = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The entry's busy flag (1 while a call runs synchronously), once it has sent it. */
  #busy: Int32Array | undefined;
  readonly #unstoppableListeners: (() => void)[] = [];
  #stuckCheck: ReturnType<typeof setInterval> | undefined;

  constructor(name: string | undefined) {
    this.#worker = new Worker(entry, { type: "module", name });
    this.#worker.addEventListener("error", (event) => {
      event.preventDefault(); // the error is reported as this worker's exit, not as the program's
      this.#end({ code: 1, signal: null, error: event.error ?? new Error(event.message) });
    });
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    this.#worker.postMessage(message, transfer ? ([...transfer] as never[]) : []);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.addEventListener("message", (event) => {
      const data = event.data as FromWorker | WorkerNotice;
      if (!isNotice(data)) listener(data);
      else if (data.t === "busy-flag") this.#busy = data.flag;
      else if (data.t === "closed") {
        const error = data.error && Object.assign(new Error(data.error.message), { name: data.error.name });
        this.#end({ code: data.code, signal: null, error });
      }
    });
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.#exitListeners.push(listener);
  }

  /**
   * Stops the worker. Deno cannot stop one stuck in a synchronous loop (deno#35657): it runs on
   * until its loop ends, and keeps the program alive. So its exit is reported only then: until
   * that, it is said to be unstoppable, and counted. Tasks that need hard timeouts belong on kind
   * "process"; a program with such a worker can still end with Deno.exit().
   */
  terminate(): void {
    this.#worker.terminate();
    if (this.#ended) return;
    if (this.#busy === undefined || Atomics.load(this.#busy, 0) === 0) {
      // Deno fires no event for a terminated worker; report the exit as Node does (code 1).
      queueMicrotask(() => this.#end({ code: 1, signal: null }));
      return;
    }
    if (this.#stuckCheck !== undefined) return;
    for (const listener of this.#unstoppableListeners) listener();
    const busy = this.#busy;
    this.#stuckCheck = setInterval(() => {
      if (Atomics.load(busy, 0) === 0) this.#end({ code: 1, signal: null });
    }, STUCK_CHECK_MS);
    Deno.unrefTimer(this.#stuckCheck as unknown as number);
  }

  onUnstoppable(listener: () => void): void {
    this.#unstoppableListeners.push(listener);
  }

  /**
   * A Web Worker cannot be unref'd: an idle one would keep the program alive forever. So an idle
   * worker ends itself after a second unless work comes (the timer itself is unref'd); the pool
   * starts a new one when needed (about 8 ms here).
   */
  unref(): void {
    if (this.#idleTimer !== undefined || this.#ended) return;
    const timer = setTimeout(() => this.#end({ code: 0, signal: null }), IDLE_GRACE_MS);
    Deno.unrefTimer(timer);
    this.#idleTimer = timer;
  }

  ref(): void {
    if (this.#idleTimer === undefined) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #end(exit: WorkerExit): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#stuckCheck);
    this.ref();
    this.#worker.terminate();
    for (const listener of this.#exitListeners) listener(exit);
  }
}
