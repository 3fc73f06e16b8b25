// Kind "thread": Bun's Web Worker running thread-entry. (Workers made by node:worker_threads never
// deliver the parent's messages to self.onmessage in Bun, bun#43459, and start slower.)
import {
  entryBeside,
  type FromWorker,
  isNotice,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";
import { HeldSends } from "./hello.ts";

const entry = entryBeside(import.meta.url, "thread-entry");
let nextId = 1;

export class ThreadWorker implements WorkerHandle {
  readonly pid: number = nextId++;
  readonly #worker: Worker;
  readonly #sends: HeldSends;
  #error: unknown;

  constructor(name: string | undefined) {
    this.#worker = new Worker(entry, { type: "module", name } as WorkerOptions);
    this.#sends = new HeldSends((message, transfer) =>
      this.#worker.postMessage(message, transfer ? ([...transfer] as never[]) : []),
    );
    this.#worker.addEventListener("error", (event) => {
      event.preventDefault(); // reported as this worker's exit (code 1), not as the program's error
      this.#error = event.error ?? new Error(event.message);
    });
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    this.#sends.send(message, transfer);
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.addEventListener("message", (event) => {
      if (isNotice(event.data))
        this.#sends.open(); // hello: the only notice a Bun entry sends
      else listener(event.data as FromWorker);
    });
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    // Bun reports every end of a worker as "close", with the exit code (process.exit(n) → n).
    this.#worker.addEventListener("close", (event) => {
      listener({ code: (event as CloseEvent).code ?? 0, signal: null, error: this.#error });
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }

  ref(): void {
    this.#worker.ref();
  }

  unref(): void {
    this.#worker.unref();
  }
}
