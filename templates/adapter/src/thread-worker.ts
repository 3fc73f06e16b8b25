// Kind "thread", the parent's side: a worker_threads Worker running thread-entry, behind core's
// WorkerHandle. The pool talks to a worker only through this.
import { Worker } from "node:worker_threads";
import {
  entryBeside,
  type FromWorker,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";

// thread-entry.js beside this file once built (thread-entry.ts if a runtime runs the source).
const entry = entryBeside(import.meta.url, "thread-entry");

export class ThreadWorker implements WorkerHandle {
  /** The thread id, kept: the Worker's own turns -1 once the thread has stopped. */
  readonly pid: number;
  readonly #worker: Worker;
  /** An uncaught error ends the thread with code 1: kept, to say why in its exit. */
  #error: unknown;

  constructor(name: string | undefined) {
    // stdout/stderr false: the thread prints straight to the program's own output.
    this.#worker = new Worker(entry, { name, stdout: false, stderr: false });
    this.pid = this.#worker.threadId;
    this.#worker.on("error", (error) => {
      this.#error = error;
    });
  }

  // postMessage clones synchronously: a value that cannot be cloned throws here, nothing is sent.
  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    this.#worker.postMessage(message, transfer as never);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.on("message", listener);
  }

  // "exit" comes after the thread's last message, once: what onExit must promise.
  onExit(listener: (exit: WorkerExit) => void): void {
    this.#worker.once("exit", (code) => listener({ code, signal: null, error: this.#error }));
  }

  // A thread has no signals: SIGTERM and SIGKILL both stop it, even in a synchronous loop.
  terminate(): void {
    void this.#worker.terminate();
  }

  // An idle pool must not keep the program alive: the pool unrefs idle workers.
  ref(): void {
    this.#worker.ref();
  }

  unref(): void {
    this.#worker.unref();
  }
}
