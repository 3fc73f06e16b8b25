// Kind "thread": a worker_threads Worker running thread-entry. Its end is known from the entry's
// notice (a process.exit() in the thread, see exit-notice.ts) or from the Worker's "exit" event.
import { Worker } from "node:worker_threads";
import {
  entryBeside,
  exitFromClosed,
  type FromWorker,
  isNotice,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";

const entry = entryBeside(import.meta.url, "thread-entry");

export class ThreadWorker implements WorkerHandle {
  /** The thread id, kept: the Worker's own turns -1 once the thread has stopped. */
  readonly pid: number;
  readonly #worker: Worker;
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #exit: WorkerExit | undefined;
  #error: unknown;
  /** Set when the thread ended for its heap limit (maxMemory). */
  #memory: WorkerExit["memory"];

  constructor(name: string | undefined, maxMemory: number | undefined) {
    this.#worker = new Worker(entry, {
      name,
      stdout: false,
      stderr: false,
      // maxMemory bounds the thread's own heap: V8 ends only this thread when it is reached.
      ...(maxMemory === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: maxMemory } }),
    });
    this.pid = this.#worker.threadId;
    // An uncaught error ends the thread with code 1; keep it to say why in the exit.
    this.#worker.on("error", (error) => {
      this.#error = error;
      if (maxMemory !== undefined && (error as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY") {
        this.#memory = { limitMiB: maxMemory };
      }
    });
    this.#worker.once("exit", (code) =>
      this.#end({ code, signal: null, error: this.#error, memory: this.#memory }),
    );
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    this.#worker.postMessage(message, transfer as never);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.on("message", (message: unknown) => {
      // "closed": the only notice a Node thread entry sends (see exit-notice.ts).
      if (isNotice(message)) {
        if (message.t === "closed") this.#end(exitFromClosed(message));
      } else listener(message as FromWorker);
    });
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.#exitListeners.push(listener);
  }

  terminate(): void {
    void this.#worker.terminate();
  }

  ref(): void {
    this.#worker.ref();
  }

  unref(): void {
    this.#worker.unref();
  }

  #end(exit: WorkerExit): void {
    if (this.#exit) return;
    this.#exit = exit;
    for (const listener of this.#exitListeners) listener(exit);
  }
}
