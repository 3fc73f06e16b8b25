// Kind "thread": a module Web Worker running thread-entry (one bundled file, see the build). A
// browser reports neither a worker's own close() nor its terminate(): the entry's "closed" notice
// tells the first, and terminate() reports the exit itself.
import {
  exitFromClosed,
  type FromWorker,
  isNotice,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";

let nextId = 1;

export class ThreadWorker implements WorkerHandle {
  /** A number for messages and Process.pid: a page has no process ids. */
  readonly pid: number = nextId++;
  readonly #worker: Worker;
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #ended = false;

  constructor(name: string | undefined) {
    // Written out whole, so that bundlers (Vite, webpack, esbuild) see the worker entry and ship it.
    this.#worker = new Worker(new URL("./thread-entry.js", import.meta.url), { type: "module", name });
    // An error here is the entry failing to load (a 404, a blocked script): the entry handles
    // every error after it runs.
    this.#worker.addEventListener("error", (event) => {
      event.preventDefault(); // reported as this worker's exit, not as the page's error
      const detail =
        event.message || `the worker entry ${event.filename || "thread-entry.js"} failed to load`;
      this.#end({ code: 1, signal: null, error: event.error ?? new Error(detail) });
    });
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    this.#worker.postMessage(message, transfer ? ([...transfer] as Transferable[]) : []);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.addEventListener("message", (event) => {
      const data = event.data as unknown;
      if (!isNotice(data)) listener(data as FromWorker);
      else if (data.t === "closed") this.#end(exitFromClosed(data));
    });
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.#exitListeners.push(listener);
  }

  /** Stops the worker at once, even in a synchronous loop; its exit is reported as Node reports a terminated thread's (code 1). */
  terminate(): void {
    this.#worker.terminate();
    // A browser fires no event for a terminated worker: report it, after the caller has returned.
    queueMicrotask(() => this.#end({ code: 1, signal: null }));
  }

  #end(exit: WorkerExit): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#worker.terminate();
    for (const listener of this.#exitListeners) listener(exit);
  }
}
