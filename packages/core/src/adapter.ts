// The interface an adapter implements: start a worker of a kind, send to it, hear from it, learn
// when it ends, end it. Pool and Process are built once, over this, in core.
import type { FromWorker, ToWorker } from "./protocol.ts";

export type WorkerKind = "thread" | "process";

/**
 * Something to transfer instead of copy: an ArrayBuffer, a MessagePort, … Each runtime has its
 * own list, so core only asks for an object and the runtime's postMessage judges.
 */
export type TransferItem = object;

/** How a worker ended: an exit code, or the signal that killed it (a process), never both. */
export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** What the runtime said, when it said why (an uncaught error at top level, out of memory, …). */
  error?: unknown;
}

export interface WorkerHandle {
  /** The process id for kind "process"; the thread id (or undefined) for kind "thread". */
  readonly pid: number | undefined;
  /** Throws synchronously when the message cannot be cloned; nothing is sent then. */
  send(message: ToWorker, transfer?: readonly TransferItem[]): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Called once, when the worker has ended for whatever reason. */
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends the worker now. SIGTERM is the polite default; threads have no signals and just stop. */
  terminate(signal?: "SIGTERM" | "SIGKILL"): void;
  /** Lets the program exit while this worker is idle (ref() undoes it). Optional for adapters. */
  ref?(): void;
  unref?(): void;
}

export interface SpawnOptions {
  kind: WorkerKind;
  /** A name for the worker, shown by debuggers and process lists where the runtime allows. */
  name?: string | undefined;
}

export interface Adapter {
  /** For messages: "node", "deno", "bun", "in-process", … */
  readonly name: string;
  readonly kinds: readonly WorkerKind[];
  spawn(options: SpawnOptions): WorkerHandle;
  /** Workers a pool gets when it is not told (the machine's available parallelism). */
  availableParallelism(): number;
  /** Turns a module option (URL or string) into the URL string workers import. */
  resolveModule(module: string | URL): string;
}
