// The interface an adapter implements: start a worker of a kind, send to it, hear from it, learn
// when it ends, end it. Pool and Process are built once, over this, in core.
import type { FromWorker, InitMessage, ToWorker } from "../wire/protocol.ts";
import type { MemoryExceeded } from "./memory-watch.ts";

/**
 * What a worker is: `"thread"`, a worker thread inside the calling process (cheaper to start), or
 * `"process"`, a child process of its own (isolated; signals can end it).
 */
export type WorkerKind = "thread" | "process";

/**
 * Something to transfer instead of copy: an ArrayBuffer, a MessagePort, … Each runtime has its
 * own list, so core only asks for an object and the runtime's postMessage judges.
 */
export type TransferItem = object;

/** How a worker ended: an exit code, or the signal that killed it (a process), never both. */
export interface WorkerExit {
  /** The exit code, or null when a signal ended the worker. */
  code: number | null;
  /** The signal's name (`"SIGTERM"`, `"SIGKILL"`, …), or null when the worker exited with a code. */
  signal: string | null;
  /** What the runtime said, when it said why (an uncaught error at top level, out of memory, …). */
  error?: unknown;
  /** Set when the worker was ended for going past its `maxMemory` (by its runtime or by a MemoryWatch). */
  memory?: MemoryExceeded | undefined;
}

/** One running worker, as its adapter started it: the pool's only way to talk to it. */
export interface WorkerHandle {
  /** The process id for kind "process"; the thread id (or undefined) for kind "thread". */
  readonly pid: number | undefined;
  /** Sends a message. Throws synchronously when it cannot be cloned; nothing is sent then. */
  send(message: ToWorker, transfer?: readonly TransferItem[]): void;
  /**
   * For a worker that can die unseen (a process): registers the listener to call with a message
   * that turned out not to reach the worker (a closed channel, a broken pipe), at once or later
   * but before the worker's exit is reported. The pool then knows the calls in it never started
   * and runs them elsewhere. Leave it out where a send cannot fail that way.
   */
  onUndelivered?(listener: (message: ToWorker) => void): void;
  /** Registers the listener for every message the worker sends. */
  onMessage(listener: (message: FromWorker) => void): void;
  /** Called once, when the worker has ended for whatever reason. */
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends the worker now. SIGTERM is the polite default; threads have no signals and just stop. */
  terminate(signal?: "SIGTERM" | "SIGKILL"): void;
  /**
   * For a kind whose `hardTimeout` is missing: registers the listener to call when terminate()
   * could not end the worker (a thread stuck in a synchronous loop). Its exit is then reported
   * only once it has really ended, and the pool counts it until then.
   */
  onUnstoppable?(listener: () => void): void;
  /**
   * Whether the worker is awake and waiting for a call right now (a thread spinning on its
   * mailbox, see wire/mailbox.ts): a call sent now starts without a wake-up. Among idle workers
   * the pool gives the next call to an awake one. Leave it out where workers always sleep.
   */
  awake?(): boolean;
  /** Keeps the program alive while this worker lives, undoing unref(). Optional for adapters. */
  ref?(): void;
  /** Lets the program exit while this worker is idle; the pool calls it when the worker has no task. */
  unref?(): void;
  /**
   * Whether numbers in map chunks, and in their results, travel as Float64Array: for channels
   * that copy an array of numbers one element at a time. V8's structured clone does (Node's and
   * Deno's postMessage and `advanced` IPC: 13–18 ns a number against 3 for a typed array), and
   * Bun's IPC is ~30× slower than a typed array. Node's, Deno's and Bun's workers all set it.
   * Default false.
   */
  readonly packNumbers?: boolean;
  /**
   * Whether the worker was handed SpawnOptions.init as it started (Node's threads: as an argument):
   * the pool then does not send it. Default false: the pool sends it at once.
   */
  readonly tookInit?: boolean;
}

/**
 * What a kind of worker can do on a runtime, declared once by its adapter, where core and
 * `@multiproc/conformance` both read it (the tests of a capability the kind lacks show as
 * skipped, with the reason). Each is `true`, or the reason it is missing.
 */
export interface KindCapabilities {
  /**
   * A worker of this kind is a process of its own: a signal sent to it ends it and nothing else.
   * Such a worker can also die without a word (SIGKILL, the OOM killer), so core never has it
   * hold results back to send them together: the calls it had started are then known exactly.
   */
  readonly signals: true | string;
  /** A task stuck in a synchronous loop can be stopped (a call's timeout or abort, terminate()). */
  readonly hardTimeout: true | string;
  /**
   * Every message sent to a worker that died unseen comes back (WorkerHandle.onUndelivered), so
   * the calls in it run on the replacement instead of failing with the dead worker.
   */
  readonly undeliveredSends: true | string;
  /** A worker can die mid-task (exit, crash) and be told apart from the task failing. */
  readonly crash: true | string;
  /** A call's result reaches the parent while a long synchronous call runs in the same worker. */
  readonly repliesWhileBusy: true | string;
  /**
   * `maxMemory` bounds a worker of this kind: one past it is ended, its task rejects with
   * MemoryLimitError, and nothing else is touched. Where it cannot (a thread sharing its process's
   * heap), `maxMemory` with this kind is refused up front with this reason.
   */
  readonly memoryLimit: true | string;
}

/** The capabilities of a kind with all of them, to spread and override. */
export const FULL_CAPABILITIES: KindCapabilities = Object.freeze({
  signals: true,
  hardTimeout: true,
  undeliveredSends: true,
  crash: true,
  repliesWhileBusy: true,
  memoryLimit: true,
});

/**
 * What a thread can do where it shares its program's process (every runtime here): all but
 * signals, and no undelivered sends (a thread that ends says first which calls it had started).
 * Spread and override what a runtime's threads lack besides.
 */
export const THREAD_CAPABILITIES: KindCapabilities = Object.freeze({
  ...FULL_CAPABILITIES,
  signals: "a thread shares its program's process: a signal sent to it would end the whole program",
  undeliveredSends:
    "a thread that ends says first which calls it had started, and postMessage never reports a receiver gone",
});

/** What to start: a kind, and a name to show. */
export interface SpawnOptions {
  /** A thread or a process; always one of the adapter's `kinds`. */
  kind: WorkerKind;
  /** A name for the worker, shown by debuggers and process lists where the runtime allows. */
  name?: string | undefined;
  /**
   * The worker's memory bound in MiB (`maxMemory`), only for a kind whose `memoryLimit` is true:
   * a thread's heap, a process's resident memory. A worker past it ends with `WorkerExit.memory` set.
   */
  maxMemory?: number | undefined;
  /**
   * The worker's first message, offered to hand over as the worker starts, where the runtime can
   * cheaply (Node's threads: the Worker's `argv`): the worker then loads its task module at once,
   * without waiting for a first message. A handle that does says so with `tookInit`. Offered only
   * when it holds no initArgs, whose clone errors must come from a send, and always without
   * `packNumbers`: a handle that sets `packNumbers` adds it to the init it hands over.
   */
  init?: InitMessage | undefined;
}

/**
 * What a runtime gives multiproc: how to start a worker of each kind it supports, how many workers
 * a pool gets by default, and how a module option becomes a URL. Core builds `Pool` and `Process`
 * over this; an adapter is done when `@multiproc/conformance` passes on its runtime.
 */
export interface Adapter {
  /** For messages: "node", "deno", "bun", "in-process", … */
  readonly name: string;
  /** The worker kinds it can start, the default first; a Pool or Process of another kind is refused. */
  readonly kinds: readonly WorkerKind[];
  /** What each of its kinds can do (see KindCapabilities); one entry per kind in `kinds`. */
  readonly capabilities: Readonly<Partial<Record<WorkerKind, KindCapabilities>>>;
  /**
   * Starts a worker that runs the adapter's worker entry (which calls `serveTasks`). Returns at
   * once; the worker reports through its handle. Throws when it cannot start one at all.
   */
  spawn(options: SpawnOptions): WorkerHandle;
  /** Workers a pool gets when it is not told (the machine's available parallelism). */
  availableParallelism(): number;
  /** Turns a module option (URL or string) into the URL string workers import. */
  resolveModule(module: string | URL): string;
}
