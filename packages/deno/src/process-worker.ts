// Kind "process": a `deno run` subprocess started with Deno.Command, framed messages over its
// stdin and stdout (see frames.ts). Chosen over node:child_process.fork: first message in about
// 23 ms against 45 ms here, and no dependence on Deno's Node IPC emulation.
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
import { encodeFrame, frameReader, writeAllToStdout } from "./frames.ts";
import { denoMemoryProbe } from "./memory-probe.ts";
import { permissionFlags } from "./permissions.ts";
import { orphanReaper } from "./reaper.ts";

const entry = entryBeside(import.meta.url, "process-entry");
/** The unref timer's period: an idle worker process keeps the program alive one to two of them (see unref()). */
const UNREF_AFTER_MS = 50;

export class ProcessWorker implements WorkerHandle {
  readonly #child: Deno.ChildProcess;
  readonly #stdin: WritableStreamDefaultWriter<Uint8Array>;
  readonly #listeners: ((message: FromWorker) => void)[] = [];
  readonly #exited: Promise<WorkerExit>;
  readonly #watch: MemoryWatch | undefined;
  #undelivered: ((message: ToWorker) => void) | undefined;
  /** Numbers in map chunks go as Float64Array: V8 serializes an array of numbers element by element. */
  readonly packNumbers = true;
  /** Whether the child is unref'd now (see unref()). */
  #unrefd = false;
  /** Whether the pool last said the worker is idle (unref) rather than working (ref). */
  #idle = false;
  /** ref() calls so far: the unref timer tells by it whether the worker worked during its period. */
  #refs = 0;
  #unrefTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(maxMemory: number | undefined) {
    const child = spawnChild(maxMemory);
    this.#child = child;
    // Should this program end first (any signal, even SIGKILL), the reaper ends this worker.
    orphanReaper()?.watch(child.pid);
    // maxMemory: the heap flag stops the child's heap, the watch its whole resident memory.
    this.#watch =
      maxMemory === undefined
        ? undefined
        : new MemoryWatch(child.pid, maxMemory, denoMemoryProbe, () => this.terminate("SIGKILL"));
    this.#stdin = child.stdin.getWriter();
    const reader = frameReader(
      (message) => {
        for (const listener of this.#listeners) listener(message as FromWorker);
      },
      writeAllToStdout, // what the task printed: all of it, as writeSync may write only part
    );
    // The exit is reported only after the last frame was read: no answer is taken for lost.
    const drained = (async () => {
      for await (const chunk of child.stdout) reader.push(chunk);
    })();
    this.#exited = Promise.all([child.status, drained.catch(() => {})]).then(([status]) => {
      clearTimeout(this.#unrefTimer);
      this.#watch?.stop();
      orphanReaper()?.release(child.pid);
      const signal = status.signal ?? null;
      // V8 ends a child at its heap limit with a trap (or abort): that too is maxMemory.
      const atHeapLimit = maxMemory !== undefined && (signal === "SIGTRAP" || signal === "SIGABRT");
      const memory = this.#watch?.exceeded ?? (atHeapLimit ? { limitMiB: maxMemory } : undefined);
      return { code: signal ? null : status.code, signal, memory };
    });
  }

  get pid(): number {
    return this.#child.pid;
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    // A process shares no memory: it gets a copy, and the sender's buffers go, as on threads.
    // Both this and encoding throw before anything is written, on a value that cannot go.
    const frame = encodeFrame(moveTransferred(message, transfer));
    // A write that fails means the child is gone: what it carried never started (its exit follows).
    this.#stdin.write(frame).catch(() => this.#undelivered?.(message));
  }

  onUndelivered(listener: (message: ToWorker) => void): void {
    this.#undelivered = listener;
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#listeners.push(listener);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    void this.#exited.then(listener);
  }

  terminate(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): void {
    try {
      this.#child.kill(signal);
    } catch {
      // already gone
    }
  }

  /**
   * The pool calls unref() and ref() around every call, and Deno's child.ref() and child.unref()
   * are several ops each (the child, its stdout's pending read): about 3,900 instructions a call
   * under callgrind, against about 100 for this. So the child is unref'd only once it has stayed
   * idle through a whole period of one timer (UNREF_AFTER_MS, itself unref'd), armed at most
   * once per period and never per call: an idle program ends 50 to 100 ms later.
   */
  unref(): void {
    if (this.#unrefd) return;
    this.#idle = true;
    if (this.#unrefTimer === undefined) this.#armUnrefTimer();
  }

  ref(): void {
    this.#idle = false;
    this.#refs++;
    if (!this.#unrefd) return;
    this.#unrefd = false;
    this.#child.ref();
  }

  #armUnrefTimer(): void {
    const refsBefore = this.#refs;
    const timer = setTimeout(() => {
      this.#unrefTimer = undefined;
      if (!this.#idle) return; // working: the next unref() arms a new one
      if (this.#refs !== refsBefore) return this.#armUnrefTimer(); // it worked meanwhile
      this.#unrefd = true;
      this.#child.unref();
    }, UNREF_AFTER_MS);
    Deno.unrefTimer(timer);
    this.#unrefTimer = timer;
  }
}

function spawnChild(maxMemory: number | undefined): Deno.ChildProcess {
  const heap = maxMemory === undefined ? [] : [`--v8-flags=--max-old-space-size=${maxMemory}`];
  try {
    return new Deno.Command(Deno.execPath(), {
      args: ["run", ...permissionFlags(), ...heap, "--quiet", entry.href],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new Error(
        `kind "process" needs permission to run subprocesses: start Deno with --allow-run (${error.message})`,
      );
    }
    throw error;
  }
}
