// Kind "process": a child_process.fork running process-entry, with the "advanced" (structured
// clone) serialization so Map, Date, typed arrays and bigint arrive as they do between threads.
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
  #error: unknown;
  #undelivered: ((message: ToWorker) => void) | undefined;

  constructor(name: string | undefined) {
    this.#child = fork(entry, name ? [name] : [], {
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // The parent's flags (a test runner's loader, --inspect) are not the task's business.
      execArgv: process.execArgv.filter(
        (a) => a.startsWith("--max-old-space-size") || a === "--enable-source-maps",
      ),
    });
    this.#child.on("error", (error) => {
      this.#error = error;
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    const undelivered = this.#undelivered;
    if (!this.#child.connected) {
      undelivered?.(message); // the worker is gone: what this carried never started
      return;
    }
    // A process shares no memory: it gets a copy, and the sender's buffers go, as on threads.
    const moved = moveTransferred(message, transfer);
    // The callback hears of a write that failed (EPIPE: the worker died before it could read).
    this.#child.send(moved, undelivered && ((error) => error && undelivered(message)));
  }

  onUndelivered(listener: (message: ToWorker) => void): void {
    this.#undelivered = listener;
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#child.on("message", listener as (m: unknown) => void);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    // "close", not "exit": it comes after every IPC message has been read, so the pool never
    // takes a finished task for one that was running when the worker died.
    this.#child.once("close", (code, signal) => listener({ code, signal, error: this.#error }));
  }

  terminate(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): void {
    this.#child.kill(signal);
  }

  ref(): void {
    this.#child.ref();
    this.#child.channel?.ref();
  }

  unref(): void {
    this.#child.unref();
    this.#child.channel?.unref();
  }
}
