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
/** How long an idle worker process keeps the program alive before it is unref'd (see unref()). */
const UNREF_AFTER_MS = 50;

export class ProcessWorker implements WorkerHandle {
  readonly #child: Deno.ChildProcess;
  readonly #stdin: WritableStreamDefaultWriter<Uint8Array>;
  readonly #listeners: ((message: FromWorker) => void)[] = [];
  readonly #exited: Promise<WorkerExit>;
  readonly #watch: MemoryWatch | undefined;
  #undelivered: ((message: ToWorker) => void) | undefined;
  /** Whether the child is unref'd now (see unref()). */
  #unrefd = false;
  /** When the pool last said the worker is idle (performance.now()), until it is unref'd or works again. */
  #idleSince: number | undefined;
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
   * The pool calls unref() and ref() around every call, and each of Deno's child.ref() and
   * child.unref() is several ops (the child, its stdout's pending read): several µs a round trip.
   * So the child is unref'd only once it has been idle UNREF_AFTER_MS, by one timer that stays
   * armed (itself unref'd) while calls come; an idle program ends that much later.
   */
  unref(): void {
    if (this.#idleSince !== undefined || this.#unrefd) return;
    this.#idleSince = performance.now();
    if (this.#unrefTimer === undefined) this.#armUnrefTimer(UNREF_AFTER_MS);
  }

  ref(): void {
    this.#idleSince = undefined;
    if (!this.#unrefd) return;
    this.#unrefd = false;
    this.#child.ref();
  }

  #armUnrefTimer(ms: number): void {
    const timer = setTimeout(() => {
      this.#unrefTimer = undefined;
      if (this.#idleSince === undefined) return; // working: the next unref() arms a new one
      const left = UNREF_AFTER_MS - (performance.now() - this.#idleSince);
      if (left > 0) return this.#armUnrefTimer(left);
      this.#idleSince = undefined;
      this.#unrefd = true;
      this.#child.unref();
    }, ms);
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
