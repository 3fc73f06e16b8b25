// Kind "thread": Bun's Web Worker running thread-entry. (Workers made by node:worker_threads never
// deliver the parent's messages to self.onmessage in Bun, bun#43459, and start slower.) Small
// plain calls go through the mailbox the entry offers (core's wire/mailbox.ts); answers are posted.
import { isArgumentsObject, isProxy } from "node:util/types";
import {
  CallOutbox,
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
let nextId = 1;

export class ThreadWorker implements WorkerHandle {
  /**
   * A map's numbers go as Float64Arrays: Bun's Web Worker copies an array of numbers about twice
   * as slowly (20,000 numbers on 2 workers in 8 chunks: 1.6 to 2.5 ms a map against 1.0 to 1.3).
   */
  readonly packNumbers = true;
  readonly pid: number = nextId++;
  readonly #worker: Worker;
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #exit: WorkerExit | undefined;
  #error: unknown;
  /** Small calls go here once the entry has offered it (core's call-outbox.ts). */
  readonly #outbox = new CallOutbox(looksPlainIsNot);

  constructor(name: string | undefined) {
    this.#worker = new Worker(entry, { type: "module", name } as WorkerOptions);
    this.#worker.addEventListener("error", (event) => {
      event.preventDefault(); // reported as this worker's exit (code 1), not as the program's error
      this.#error = event.error ?? new Error(event.message);
    });
    // Bun reports every end of a worker as "close", with the exit code (process.exit(n) → n),
    // unless the worker told its exit first.
    this.#worker.addEventListener("close", (event) => {
      this.#end({ code: (event as CloseEvent).code ?? 0, signal: null, error: this.#error });
    });
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    // No second argument unless something is transferred: cheaper on Bun, and Deno's fast path.
    const post = () =>
      transfer?.length
        ? this.#worker.postMessage(message, [...transfer] as never[])
        : this.#worker.postMessage(message);
    if (this.#exit !== undefined) post();
    else this.#outbox.send(message, transfer, post);
  }

  /** Whether its entry spins on the mailbox now: a call put there starts at once. */
  awake(): boolean {
    return this.#outbox.awake();
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.addEventListener("message", (event) => {
      const data: unknown = event.data;
      if (!isNotice(data)) listener(data as FromWorker);
      else if (data.t === "closed") this.#end(exitFromClosed(data));
      else if (data.t === "mailboxes") this.#outbox.open(data.toWorker);
    });
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.#exitListeners.push(listener);
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

  #end(exit: WorkerExit): void {
    if (this.#exit) return;
    this.#exit = exit;
    for (const listener of this.#exitListeners) listener(exit);
  }
}

/** Objects that look plain to JavaScript but that structured clone refuses: posted. */
const looksPlainIsNot = (value: object): boolean => isProxy(value) || isArgumentsObject(value);
