// Kind "thread": a worker_threads Worker running thread-entry.
import { Worker } from "node:worker_threads";
import {
  entryBeside,
  type FromWorker,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";

const entry = entryBeside(import.meta.url, "thread-entry");

export class ThreadWorker implements WorkerHandle {
  readonly #worker: Worker;
  #error: unknown;

  constructor(name: string | undefined) {
    this.#worker = new Worker(entry, {
      name,
      stdout: false,
      stderr: false,
    });
    // An uncaught error ends the thread with code 1; keep it to say why in the exit.
    this.#worker.on("error", (error) => {
      this.#error = error;
    });
  }

  get pid(): number {
    return this.#worker.threadId;
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    this.#worker.postMessage(message, transfer as never);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.on("message", listener);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.#worker.once("exit", (code) => listener({ code, signal: null, error: this.#error }));
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
}
