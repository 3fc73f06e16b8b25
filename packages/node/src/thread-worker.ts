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
/** Core's worker side as a URL, resolved once here and handed to each worker (see thread-entry.ts). */
const coreWorker = resolveCoreWorker();

export class ThreadWorker implements WorkerHandle {
  readonly #worker: Worker;
  #error: unknown;
  /** Set when the thread ended for its heap limit (maxMemory). */
  #memory: WorkerExit["memory"];

  constructor(name: string | undefined, maxMemory: number | undefined) {
    this.#worker = new Worker(entry, {
      name,
      stdout: false,
      stderr: false,
      workerData: coreWorker === undefined ? undefined : { core: coreWorker },
      // maxMemory bounds the thread's own heap: V8 ends only this thread when it is reached.
      ...(maxMemory === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: maxMemory } }),
    });
    // An uncaught error ends the thread with code 1; keep it to say why in the exit.
    this.#worker.on("error", (error) => {
      this.#error = error;
      if (maxMemory !== undefined && (error as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY") {
        this.#memory = { limitMiB: maxMemory };
      }
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
    this.#worker.once("exit", (code) =>
      listener({ code, signal: null, error: this.#error, memory: this.#memory }),
    );
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

/** `@multiproc/core/worker` as a file URL, or undefined where import.meta.resolve is missing (a test runner's loader). */
function resolveCoreWorker(): string | undefined {
  try {
    return (import.meta as { resolve?: (specifier: string) => string }).resolve?.("@multiproc/core/worker");
  } catch {
    return undefined;
  }
}
