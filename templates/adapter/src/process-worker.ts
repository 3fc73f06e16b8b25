// Kind "process", the parent's side: a child_process.fork running process-entry, behind core's
// WorkerHandle. "advanced" serialization is structured clone, so Map, Date, typed arrays and
// bigint arrive as they do between threads.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  entryBeside,
  type FromWorker,
  moveTransferred,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";

const entry = fileURLToPath(entryBeside(import.meta.url, "process-entry"));

export class ProcessWorker implements WorkerHandle {
  readonly #child: ChildProcess;
  /** Set by the pool: told of a message that never reached the worker, whose calls never started. */
  #undelivered: ((message: ToWorker) => void) | undefined;
  #error: unknown;

  constructor(name: string | undefined) {
    this.#child = fork(entry, name ? [name] : [], {
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // The parent's flags (a test runner's loader, --inspect) are not the worker's business.
      execArgv: [],
    });
    this.#child.on("error", (error) => {
      this.#error = error;
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    if (!this.#child.connected) {
      this.#undelivered?.(message); // the worker is gone, unseen yet: nothing in this started
      return;
    }
    // A process shares no memory: it gets a copy, and the sender loses the buffers it transferred,
    // as on threads. moveTransferred also throws, before anything is sent, on a bad transfer list.
    const moved = moveTransferred(message, transfer);
    // The callback hears of a write that failed (EPIPE: the worker died before it could read it).
    this.#child.send(moved, (error) => {
      if (error) this.#undelivered?.(message);
    });
  }

  onUndelivered(listener: (message: ToWorker) => void): void {
    this.#undelivered = listener;
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#child.on("message", listener as (message: unknown) => void);
  }

  // "close", not "exit": it comes after every IPC message has been read, so a task that finished
  // is never taken for one that was running when the worker died.
  onExit(listener: (exit: WorkerExit) => void): void {
    this.#child.once("close", (code, signal) => listener({ code, signal, error: this.#error }));
  }

  terminate(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): void {
    this.#child.kill(signal);
  }

  // The IPC channel keeps the program alive too: unref both, so an idle pool lets it exit.
  ref(): void {
    this.#child.ref();
    this.#child.channel?.ref();
  }

  unref(): void {
    this.#child.unref();
    this.#child.channel?.unref();
  }
}
