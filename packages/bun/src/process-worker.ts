// Kind "process": a Bun subprocess started with Bun.spawn, IPC with "advanced" serialization
// (structured clone: Map, Date, typed arrays and bigint arrive as between threads).
import {
  entryBeside,
  type FromWorker,
  isNotice,
  MemoryWatch,
  moveTransferred,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
} from "@multiproc/core/adapter";
import { bunMemoryProbe } from "./memory-probe.ts";
import { orphanReaper } from "./reaper.ts";

const entry = Bun.fileURLToPath(entryBeside(import.meta.url, "process-entry"));

export class ProcessWorker implements WorkerHandle {
  /** Bun's IPC copies an array of numbers element by element, ~30× slower than a Float64Array. */
  readonly packNumbers = true;
  readonly #child: Bun.Subprocess;
  readonly #listeners: ((message: FromWorker) => void)[] = [];
  #undelivered: ((message: ToWorker) => void) | undefined;
  readonly #watch: MemoryWatch | undefined;

  constructor(maxMemory: number | undefined) {
    this.#child = Bun.spawn({
      cmd: [process.execPath, entry],
      // What is sent before the child listens waits in the channel: the entry listens from its
      // first turn, so no hello is awaited (a round trip at every start; see process-entry.ts).
      ipc: (message) => {
        if (isNotice(message)) return; // a Bun process entry sends none; a foreign notice is not a message
        for (const listener of this.#listeners) listener(message as FromWorker);
      },
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit"],
      // process.env as it is now: Bun would otherwise pass the environment the program started with.
      env: { ...process.env },
    });
    // Should this program end first (any signal, even SIGKILL), the reaper ends this worker.
    orphanReaper()?.watch(this.#child.pid);
    // maxMemory: Bun has no heap flag; the watch bounds the child's whole resident memory.
    this.#watch =
      maxMemory === undefined
        ? undefined
        : new MemoryWatch(this.#child.pid, maxMemory, bunMemoryProbe, () => this.#child.kill("SIGKILL"));
  }

  get pid(): number {
    return this.#child.pid;
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    // A process shares no memory: it gets a copy, and the sender's buffers go, as on threads.
    const moved = moveTransferred(message, transfer);
    try {
      this.#child.send(moved);
    } catch (error) {
      // The worker has exited and its exit is not reported yet: what this carried never started.
      if ((error as { code?: unknown }).code !== "ERR_IPC_CHANNEL_CLOSED") throw error;
      this.#undelivered?.(message);
    }
  }

  onUndelivered(listener: (message: ToWorker) => void): void {
    this.#undelivered = listener;
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#listeners.push(listener);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    void this.#child.exited.then((code) => {
      this.#watch?.stop();
      orphanReaper()?.release(this.#child.pid);
      const signalCode = this.#child.signalCode;
      const signal = typeof signalCode === "string" ? signalCode : null;
      listener({ code: signal ? null : code, signal, memory: this.#watch?.exceeded });
    });
  }

  terminate(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): void {
    this.#child.kill(signal);
  }

  ref(): void {
    this.#child.ref();
  }

  unref(): void {
    this.#child.unref();
  }
}
