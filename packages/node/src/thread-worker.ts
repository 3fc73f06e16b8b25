// Kind "thread": a worker_threads Worker running thread-entry. Its end is known from the entry's
// notice (a process.exit() in the thread, see exit-notice.ts) or from the Worker's "exit" event.
import { Worker } from "node:worker_threads";
import {
  entryBeside,
  type FromWorker,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";
import { type ExitNotice, isExitNotice } from "./exit-notice.ts";

const entry = entryBeside(import.meta.url, "thread-entry");

export class ThreadWorker implements WorkerHandle {
  /** The thread id, kept: the Worker's own turns -1 once the thread has stopped. */
  readonly pid: number;
  readonly #worker: Worker;
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #exit: WorkerExit | undefined;
  #error: unknown;

  constructor(name: string | undefined) {
    this.#worker = new Worker(entry, {
      name,
      stdout: false,
      stderr: false,
    });
    this.pid = this.#worker.threadId;
    // An uncaught error ends the thread with code 1; keep it to say why in the exit.
    this.#worker.on("error", (error) => {
      this.#error = error;
    });
    this.#worker.once("exit", (code) => this.#end({ code, signal: null, error: this.#error }));
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    this.#worker.postMessage(message, transfer as never);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.on("message", (message: FromWorker | ExitNotice) => {
      if (isExitNotice(message)) this.#end({ code: message.multiprocExit, signal: null });
      else listener(message);
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
