// The worker side: loads the task module, runs the initializer, then answers calls by export
// name. An adapter's worker entry builds a WorkerChannel from its runtime's messaging and calls
// serveTasks(); everything else about a worker's behaviour lives here, once.
import { serializeError } from "./errors.ts";
import { type Call, type FromWorker, PROTOCOL_VERSION, type ToWorker } from "./protocol.ts";
import { type Packed, packList, unpackList } from "./records.ts";
import { RingQueue } from "./ring-queue.ts";

/** The worker's side of its messaging, as the adapter's worker entry builds it from its runtime. */
export interface WorkerChannel {
  /** Sends to the parent. Throws synchronously when the message cannot be cloned. */
  send(message: FromWorker): void;
  /** Registers the one listener for what the parent sends. */
  onMessage(listener: (message: ToWorker) => void): void;
  /** Ends this worker once what was sent has left (the adapter waits for its runtime's flush). */
  close(): void;
}

/** Options of serveTasks(). */
export interface ServeOptions {
  /** How to import the task module; the default is `import()`. Adapters override it to add a loader. */
  importModule?: (url: string) => Promise<Record<string, unknown>>;
}

type TaskModule = Record<string, unknown>;
type Reply = FromWorker & { t: "ok" | "err" };

/**
 * How long answers to a batch of calls may be held back to go out together: until Date.now()
 * has moved on this many ms (1 to 2 ms). Date.now, not performance: a worker that never touches
 * `performance` starts faster (Node loads perf_hooks on first use).
 */
const BATCH_MS = 2;

/** What the worker entry may still do with a running task server. */
export interface TaskServer {
  /**
   * The worker is ending (an exit the entry caught): tells the parent which calls were running,
   * then starts no further call and sends nothing more.
   */
  halt(): void;
}

/**
 * Runs the worker's side of the protocol over `channel`: on "init" imports the task module and runs
 * the initializer, then calls exports by name as "calls" come (up to `concurrency` at once, the rest
 * in order), and closes the channel on "stop" once every call is answered. Adapters' worker entries
 * call it; the returned TaskServer lets the entry halt it when the worker is ending.
 */
export function serveTasks(channel: WorkerChannel, options: ServeOptions = {}): TaskServer {
  const importModule = options.importModule ?? ((url: string) => import(url));
  let tasks: TaskModule | undefined;
  let running = 0;
  let concurrency = Number.POSITIVE_INFINITY;
  let packNumbers = false;
  let stopRequested = false;
  let halted = false;
  let closed = false;
  // Calls may come before start-up has finished (a Process sends its call with "init"): they
  // wait until the module is loaded, and are dropped if it fails to load (the parent is told).
  let startUp: "loading" | "ready" | "failed" = "loading";
  const runningIds = new Set<number>();
  // Calls sent ahead (prefetched) wait here, in order, until a slot under `concurrency` frees up.
  const waiting = new RingQueue<Call>();

  const functionExports = () =>
    tasks
      ? Object.keys(tasks)
          .filter((k) => typeof tasks?.[k] === "function")
          .sort()
      : [];

  // Start-up news. Once halted (the module or initializer called process.exit), nothing: the
  // worker's exit says what happened, not the error its interrupted import threw.
  const announce = (message: FromWorker & { t: "ready" | "init-failed" }) => {
    if (!halted) channel.send(message);
  };

  const startFailed = (message: FromWorker & { t: "init-failed" }) => {
    startUp = "failed";
    waiting.drain();
    announce(message);
    closeIfDone();
  };

  // Results of calls run while one "calls" message is handled (a batch of quick synchronous
  // calls) go back together, in one "replies" message, once it is handled or once they have been
  // held about BATCH_MS: the parent then reads one message instead of one per call, with no keys
  // to read per result. A failure goes alone, after the results before it. Results are held only
  // while calls the parent marked `quick` run: before any other call starts, what is held is sent
  // and that call's own result goes at once (a long call must never delay finished results, and
  // the parent must be able to tell which calls a killed worker may have started).
  let batch: { ids: number[]; values: unknown[] } | undefined;
  let batchStartedAt = 0;

  const reply = (message: Reply, quick: boolean) => {
    if (halted) return;
    if (!batch) sendReply(message);
    else if (message.t === "err" || message.packed || !quick) {
      flushBatch(true);
      sendReply(message);
    } else {
      // Held: the next call's start, or the message's end, sends it (see call()).
      batch.ids.push(message.id);
      batch.values.push(message.value);
    }
  };

  const sendReply = (message: Reply) => {
    try {
      channel.send(message);
    } catch (error) {
      // The result could not be cloned: say so instead of leaving the caller waiting. Only
      // strings go in this reply, so it can always be sent on a channel that still works.
      const { name, message: text } = serializeError(error);
      try {
        channel.send({
          t: "err",
          id: message.id,
          error: { name: String(name), message: String(text) },
          reason: "unsendable-result",
        });
      } catch {
        // The channel itself is broken: the parent learns of it from this worker's exit.
      }
    }
  };

  /** Sends the held results; `more` keeps batching the rest of the message's calls. */
  const flushBatch = (more: boolean) => {
    const held = batch;
    batch = more ? { ids: [], values: [] } : undefined;
    batchStartedAt = Date.now();
    if (!held || held.ids.length === 0) return;
    const { ids, values } = held;
    if (ids.length === 1) {
      sendReply({ t: "ok", id: ids[0] as number, value: values[0] });
      return;
    }
    try {
      channel.send({ t: "replies", ids, values });
    } catch {
      // One of them cannot be cloned: send each alone, so that only that one fails.
      for (let i = 0; i < ids.length; i++) sendReply({ t: "ok", id: ids[i] as number, value: values[i] });
    }
  };

  const startWaiting = () => {
    while (!halted && startUp === "ready" && running < concurrency && waiting.size > 0)
      call(waiting.shift() as Call);
  };

  const finishCall = () => {
    running--;
    startWaiting();
    closeIfDone();
  };

  /** After "stop": ends the worker once every call is answered (or start-up failed). */
  const closeIfDone = () => {
    if (!stopRequested || closed) return;
    if (startUp !== "failed" && (running > 0 || waiting.size > 0)) return;
    closed = true;
    flushBatch(false); // every answer leaves before the worker ends
    channel.close();
  };

  async function init(message: Extract<ToWorker, { t: "init" }>) {
    if (message.v !== PROTOCOL_VERSION) {
      const error = {
        name: "Error",
        message: `protocol ${message.v} sent, worker speaks ${PROTOCOL_VERSION}`,
      };
      startFailed({ t: "init-failed", stage: "version", error });
      return;
    }
    concurrency = message.concurrency ?? Number.POSITIVE_INFINITY;
    packNumbers = message.packNumbers === true;
    let loaded: TaskModule;
    try {
      loaded = await importModule(message.module);
    } catch (error) {
      startFailed({ t: "init-failed", stage: "module", error: serializeError(error) });
      return;
    }
    tasks = loaded;
    if (message.initializer !== undefined) {
      const initializer = loaded[message.initializer];
      if (typeof initializer !== "function") {
        const error = { name: "Error", message: `no function export "${message.initializer}"` };
        startFailed({ t: "init-failed", stage: "initializer", error, available: functionExports() });
        return;
      }
      try {
        await initializer(...(message.initArgs ?? []));
      } catch (error) {
        startFailed({ t: "init-failed", stage: "initializer", error: serializeError(error) });
        return;
      }
    }
    startUp = "ready";
    announce({ t: "ready", v: PROTOCOL_VERSION });
    startWaiting(); // the calls that came with "init", if any
  }

  // Synchronous tasks are answered synchronously: no promise and no microtask hop per call,
  // which is most of the worker's cost for tiny tasks. Only a returned thenable is awaited.
  function call(message: Call): void {
    const fn = tasks?.[message.fn];
    if (typeof fn !== "function") {
      const error = { name: "UnknownTaskError", message: `no function export "${message.fn}"` };
      reply({ t: "err", id: message.id, error, reason: "unknown-task", available: functionExports() }, false);
      if (waiting.size === 0) closeIfDone(); // it never ran: finishCall() will not check
      return;
    }
    // What is held must not wait for a call that may be long, or that a timeout may kill.
    const quick = message.quick === true;
    if (batch && (!quick || Date.now() - batchStartedAt >= BATCH_MS)) flushBatch(true);
    running++;
    runningIds.add(message.id);
    let result: unknown;
    try {
      const chunk = message.chunk;
      result = chunk
        ? runChunk(
            fn as (...args: unknown[]) => unknown,
            chunk === "packed" ? unpackList(message.args as Packed) : message.args,
            chunk !== "argLists",
          )
        : fn(...message.args);
    } catch (error) {
      settle(message.id, quick, false, error);
      return;
    }
    if (isThenable(result)) {
      const chunked = message.chunk !== undefined;
      result.then(
        (value) => settle(message.id, quick, true, value, chunked),
        (error) => settle(message.id, quick, false, error),
      );
    } else {
      settle(message.id, quick, true, result);
    }
  }

  /** Settles a call; a chunk's results go as columns when they pack (see records.ts). */
  function settle(id: number, quick: boolean, ok: boolean, value: unknown, chunked = false): void {
    runningIds.delete(id);
    try {
      const packed = chunked ? packList(value as unknown[], packNumbers) : undefined;
      reply(
        !ok
          ? { t: "err", id, error: serializeError(value) }
          : packed
            ? { t: "ok", id, value: packed, packed: true }
            : { t: "ok", id, value },
        quick,
      );
    } finally {
      finishCall(); // whatever the reply did, this call no longer counts as running
    }
  }

  channel.onMessage((message) => {
    if (halted) return;
    switch (message.t) {
      case "init":
        void init(message);
        break;
      case "call":
        if (startUp === "failed") break; // the parent was told: init-failed fails its calls
        waiting.push(message);
        startWaiting();
        break;
      case "calls":
        if (startUp === "failed") break;
        for (const c of message.calls) waiting.push(c);
        batch = { ids: [], values: [] };
        batchStartedAt = Date.now();
        try {
          startWaiting();
        } finally {
          flushBatch(false);
        }
        break;
      case "stop":
        stopRequested = true;
        closeIfDone();
        break;
    }
  });
  return {
    halt: () => {
      if (halted) return;
      // The answers held so far were given: the parent must have them before it hears which
      // calls were still running, or it would take them for calls that never started.
      flushBatch(false);
      try {
        channel.send({ t: "exiting", running: [...runningIds] });
      } finally {
        halted = true;
      }
    },
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}

/** Runs a chunk's calls one after another; only a call that returns a promise is awaited. */
async function runChunk(
  fn: (...args: unknown[]) => unknown,
  args: unknown[],
  items: boolean,
): Promise<unknown[]> {
  // Filled by push, not preallocated: a preallocated (holey) array is cloned element by element
  // as a sparse one, several times slower to send and to read than a packed one.
  const results: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    let result = items ? fn(args[i]) : fn(...(args[i] as unknown[]));
    if (result !== null && typeof (result as PromiseLike<unknown>)?.then === "function")
      result = await result;
    results.push(result);
  }
  return results;
}
