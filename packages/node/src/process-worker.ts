// Kind "process": a child_process.fork running process-entry, with the "advanced" (structured
// clone) serialization so Map, Date, typed arrays and bigint arrive as they do between threads.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  entryBeside,
  type FromWorker,
  MemoryWatch,
  moveTransferred,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";

import { nodeMemoryProbe } from "./memory-probe.ts";
import { orphanReaper } from "./reaper.ts";

const entry = fileURLToPath(entryBeside(import.meta.url, "process-entry"));

/** How a V8 child ends at its heap limit (--max-old-space-size): abort(). */
const HEAP_LIMIT_ENDS = new Set(["SIGABRT", "SIGTRAP"]);

export class ProcessWorker implements WorkerHandle {
  readonly #child: ChildProcess;
  readonly #maxMemory: number | undefined;
  readonly #watch: MemoryWatch | undefined;
  #error: unknown;
  #undelivered: ((message: ToWorker) => void) | undefined;
  /** Numbers in map chunks go as Float64Array: V8 serializes an array of numbers element by element. */
  readonly packNumbers = true;

  constructor(name: string | undefined, maxMemory: number | undefined) {
    // The parent's flags (a test runner's loader, --inspect) are not the task's business.
    const execArgv = process.execArgv.filter(
      (a) => a.startsWith("--max-old-space-size") || a === "--enable-source-maps",
    );
    // maxMemory: the heap flag stops the child's heap, the watch its whole resident memory.
    if (maxMemory !== undefined) execArgv.push(`--max-old-space-size=${maxMemory}`);
    this.#maxMemory = maxMemory;
    this.#child = fork(entry, name ? [name] : [], {
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      execArgv,
    });
    this.#child.on("error", (error) => {
      this.#error = error;
    });
    const pid = this.#child.pid;
    // Should this program end first (any signal, even SIGKILL), the reaper ends this worker.
    if (pid !== undefined) orphanReaper()?.watch(pid);
    if (maxMemory !== undefined && pid !== undefined) {
      this.#watch = new MemoryWatch(pid, maxMemory, nodeMemoryProbe, () => this.#child.kill("SIGKILL"));
    }
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
    this.#child.once("close", (code, signal) => {
      this.#watch?.stop();
      if (this.#child.pid !== undefined) orphanReaper()?.release(this.#child.pid);
      listener({ code, signal, error: this.#error, memory: this.#memoryExit(code, signal) });
    });
  }

  /** Whether the child ended for maxMemory: killed by the watch, or aborted at its heap limit. */
  #memoryExit(code: number | null, signal: string | null): WorkerExit["memory"] {
    if (this.#watch?.exceeded) return this.#watch.exceeded;
    const limitMiB = this.#maxMemory;
    if (limitMiB === undefined) return undefined;
    return (signal && HEAP_LIMIT_ENDS.has(signal)) || code === 134 ? { limitMiB } : undefined;
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
