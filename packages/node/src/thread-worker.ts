// Kind "thread": a worker_threads Worker running thread-entry. Its end is known from the entry's
// notice (a process.exit() in the thread, see exit-notice.ts) or from the Worker's "exit" event.
// Small plain calls go through the mailbox the entry makes (core's wire/mailbox.ts): to a thread
// spinning on it, with no wake-up; answers are posted.
import { isArgumentsObject, isProxy } from "node:util/types";
import { Worker } from "node:worker_threads";
import {
  CallOutbox,
  entryBeside,
  exitFromClosed,
  type FromWorker,
  type InitMessage,
  isNotice,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";
import { initArg } from "./init-arg.ts";

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
  /** Small calls go here once the entry has offered it (core's call-outbox.ts). */
  readonly #outbox = new CallOutbox(looksPlainIsNot);
  /** The init message went as an argument (init-arg.ts): the entry loads the task module at once. */
  readonly tookInit: boolean;
  /** Numbers in map chunks go as Float64Array: V8 clones an array of numbers element by element. */
  readonly packNumbers = true;

  constructor(name: string | undefined, maxMemory: number | undefined, init: InitMessage | undefined) {
    this.tookInit = init !== undefined;
    this.#worker = new Worker(entry, {
      name,
      stdout: false,
      stderr: false,
      ...(init === undefined ? {} : { argv: [initArg({ ...init, packNumbers: this.packNumbers })] }),
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
    if (this.#exit !== undefined) this.#worker.postMessage(message, transfer as never);
    else this.#outbox.send(message, transfer, () => this.#worker.postMessage(message, transfer as never));
  }

  /** Whether its entry spins on the mailbox now: a call put there starts at once. */
  awake(): boolean {
    return this.#outbox.awake();
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.on("message", (message: unknown) => {
      if (!isNotice(message)) listener(message as FromWorker);
      else if (message.t === "closed") this.#end(exitFromClosed(message));
      else if (message.t === "mailboxes") this.#outbox.open(message.toWorker);
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

/** Objects that look plain to JavaScript but that structured clone refuses: posted. */
const looksPlainIsNot = (value: object): boolean => isProxy(value) || isArgumentsObject(value);
