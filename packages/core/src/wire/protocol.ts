// The messages between a pool (or Process) and a worker. Versioned: a worker built from another
// version of core answers "init" with a version failure instead of misreading the rest.
import type { SerializedError } from "../wire/serialized-error.ts";

/** The wire protocol's version, sent in "init" and "ready"; a worker refuses any other. */
export const PROTOCOL_VERSION = 4;

/**
 * How a call's `args` is read: absent, `fn(...args)`; "items", `fn(item)` for each item (map);
 * "argLists", `fn(...list)` for each argument list (starmap). A chunk's reply is a list of results.
 */
export type Chunk = "items" | "argLists";

/**
 * A chunk as it goes on the wire: a Chunk, or "packed", an "items" chunk of numbers or of plain
 * objects of one shape sent as columns (`[keys or null, column0, …]`, see records.ts) that the
 * worker turns back into the items.
 */
export type WireChunk = Chunk | "packed";

/** One call as it travels to a worker. */
export interface Call {
  /** Unique within the pool; the reply carries it. */
  id: number;
  /** The export to call. */
  fn: string;
  /** The arguments, or with `chunk` the items or argument lists. */
  args: unknown[];
  /** How `args` is read; absent for a single call. */
  chunk?: WireChunk;
  /** Set when `args` hold wire forms of Queues, Locks, … (see talk/handoff.ts): the worker makes them live. */
  live?: true;
  /**
   * Set when the parent knows this export as tiny in this worker and the call has no timeout or
   * signal: only such a call may start while earlier results of the same message are held back.
   * Before any other call the worker sends what it holds, and sends that call's result at once.
   * Never set for a worker a signal can end without a word (see KindCapabilities.signals).
   */
  quick?: true;
  /**
   * Set on a lone call sent while it was the pool's only call in flight and none waited: its
   * caller likely awaits each answer before the next call. Once it has answered it, a thread
   * worker may watch its mailbox a moment for that next call (see wire/mailbox.ts). Never set
   * while other calls are about: workers watching then only take CPU the parent needs.
   */
  spin?: true;
}

/** First message: load the module, run the initializer, then answer "ready" or "init-failed". */
export interface InitMessage {
  /** The message's type. */
  t: "init";
  /** The sender's PROTOCOL_VERSION. */
  v: number;
  /** The task module's URL. */
  module: string;
  /** The export to run once before the first call. */
  initializer?: string | undefined;
  /** The initializer's arguments. */
  initArgs?: unknown[] | undefined;
  /** Set when `initArgs` hold wire forms of Queues, Locks, … (see talk/handoff.ts). */
  initLive?: true | undefined;
  /** The id the worker's thread takes as owner of Locks (see talk/agent.ts), so the parent can free what it held. */
  agent?: number | undefined;
  /** Calls the worker runs at once; later ones wait in its own FIFO queue. */
  concurrency?: number | undefined;
  /** Numbers in a chunk's results go as Float64Array (see WorkerHandle.packNumbers). */
  packNumbers?: boolean | undefined;
}

/** A message from the pool (or Process) to a worker. `t` tells which. */
export type ToWorker =
  /** First message (see InitMessage). */
  | InitMessage
  /** One call alone (the message is the Call): one object less to copy than "calls" of one. */
  | (Call & {
      /** The message's type. */
      t: "call";
    })
  /** Calls in the order they must start; several per message on the hot path. */
  | {
      /** The message's type. */
      t: "calls";
      /** The calls, oldest first. */
      calls: Call[];
    }
  /** Ends the worker once its calls are answered. */
  | {
      /** The message's type. */
      t: "stop";
    };

export type InitStage = "version" | "module" | "initializer";

/** A message from a worker to its pool (or Process). `t` tells which. */
export type FromWorker =
  /** The module is loaded and the initializer has run: calls may come. */
  | {
      /** The message's type. */
      t: "ready";
      /** The worker's PROTOCOL_VERSION. */
      v: number;
    }
  /**
   * The worker is ending (a task called process.exit, …): it starts nothing more, and the calls
   * in `running` are the only ones it had started and not answered. The rest never ran.
   */
  | {
      /** The message's type. */
      t: "exiting";
      /** Ids of the calls started and not answered. */
      running: number[];
    }
  /** The worker cannot take calls: the version differs, the module failed, or the initializer did. */
  | InitFailed
  /** A call's result (for a chunk, the list of results). */
  | CallResult
  /** A call failed. */
  | CallError
  /** Progress a running call reported (reportProgress), for that call's onProgress; always before its answer. */
  | {
      /** The message's type. */
      t: "progress";
      /** The call's id. */
      id: number;
      /** What the task reported. */
      value: unknown;
    }
  /**
   * Results of several calls that came in one message (quick ones, answered together), in the
   * order they ran: `values[i]` is what call `ids[i]` returned. Failures are sent alone, as "err".
   */
  | {
      /** The message's type. */
      t: "replies";
      /** The calls' ids. */
      ids: number[];
      /** Their results, in the same order. */
      values: unknown[];
    };

/** The worker cannot take calls: the version differs, the module failed, or the initializer did. */
export interface InitFailed {
  /** The message's type. */
  t: "init-failed";
  /** What failed. */
  stage: InitStage;
  /** The failure, as the worker saw it. */
  error: SerializedError;
  /** The module's function exports, when the initializer export was missing. */
  available?: string[];
}

/** A call's result (for a chunk, the list of results). */
export interface CallResult {
  /** The message's type. */
  t: "ok";
  /** The call's id. */
  id: number;
  /** What the task returned (its promise awaited). */
  value: unknown;
  /** Set when `value` is a chunk's results packed as columns (see WireChunk): unpack them. */
  packed?: true;
}

/** A call that failed. */
export interface CallError {
  /** The message's type. */
  t: "err";
  /** The call's id. */
  id: number;
  /** The task's error (or multiproc's, with `reason`). */
  error: SerializedError;
  /** Set when the failure is multiproc's, not the task's own throw. */
  reason?: "unknown-task" | "unsendable-result";
  /** The module's function exports, with reason "unknown-task". */
  available?: string[];
}

/**
 * Messages a worker entry sends for its adapter's handle, not for the pool: the handle takes them
 * out of the stream and passes the rest on. Core defines them so that every adapter that needs
 * one speaks it alike; a runtime that needs neither never sends them.
 */
export type WorkerNotice =
  /** The entry's listener is in place: the parent may send now (for a runtime that drops earlier messages). */
  | {
      /** The message's type. */
      t: "hello";
    }
  /**
   * The worker's OS thread id (Linux), for a runtime whose terminate() may leave a thread running
   * (Deno's Web Workers in a synchronous loop): the parent reports the worker ended only once the
   * thread is gone.
   */
  | {
      /** The message's type. */
      t: "thread-id";
      /** The id of the thread, as in /proc/PID/task/TID. */
      tid: number;
    }
  /**
   * Shared memory for small messages (see wire/mailbox.ts), where a posted message costs much of
   * a round trip: each side puts small plain calls or answers there, and the other takes them, in
   * order with the messages posted. `fromWorker` is left out where answers are better posted
   * (Node: waking the parent costs the same either way).
   */
  | {
      /** The message's type. */
      t: "mailboxes";
      /** What the worker puts in and the parent takes out. */
      fromWorker?: SharedArrayBuffer | undefined;
      /** What the parent puts in and the worker takes out. */
      toWorker: SharedArrayBuffer;
    }
  | ClosedNotice;

/** The worker is closing itself with this exit code (for a runtime that does not report a worker's own exit). */
export interface ClosedNotice {
  /** The message's type. */
  t: "closed";
  /** The exit code the worker ends with. */
  code: number;
  /** What ended it, when an error nothing caught did. */
  error?: NoticeError | undefined;
}

/** An error named in a closed notice. */
export interface NoticeError {
  /** The error's name. */
  name: string;
  /** The error's message. */
  message: string;
}

/** The hello notice (see WorkerNotice), as an entry sends it. */
export const HELLO: WorkerNotice = Object.freeze({ t: "hello" });

/** Whether a message from a worker is a notice for its handle rather than a message for the pool. */
export function isNotice(message: unknown): message is WorkerNotice {
  const t = (message as { t?: unknown } | null)?.t;
  return t === "hello" || t === "closed" || t === "thread-id" || t === "mailboxes";
}
