// The worker side: loads the task module, runs the initializer, then answers calls by export
// name. An adapter's worker entry builds a WorkerChannel from its runtime's messaging and calls
// serveTasks(); everything else about a worker's behaviour lives here, once. Here: the call loop
// and stop; start-up is in task-start-up.ts, how replies go back in reply-batcher.ts.

import { RingQueue } from "../shared/ring-queue.ts";
import { type Call, type FromWorker, PROTOCOL_VERSION } from "../wire/protocol.ts";
import { type Packed, packedItems, packList } from "../wire/records.ts";
import { serializeError } from "../wire/serialized-error.ts";
import { type CallContext, CallProgress } from "./call-progress.ts";
import { liveArgs } from "./live-args.ts";
import { ReplyBatcher } from "./reply-batcher.ts";
import { isThenable, listCalls, runChunk, runNumberChunk } from "./run-chunk.ts";
import { functionExports, type StartUpListener, startUp, type TaskModule } from "./task-start-up.ts";
import { setWorkerAgent } from "./worker-agent.ts";
import type { WorkerChannel } from "./worker-channel.ts";

export type { WorkerChannel } from "./worker-channel.ts";

/** Options of serveTasks(). */
export interface ServeOptions {
  /** How to import the task module; the default is `import()`. Adapters override it to add a loader. */
  importModule?: (url: string) => Promise<Record<string, unknown>>;
  /**
   * Makes the runtime's CallContext (an AsyncLocalStorage: see callContextOf), asked for only
   * where a worker runs several calls at once and its task module reports progress, so that each
   * report goes to its own call. Without it, a report made while several calls run throws.
   */
  callContext?: (() => CallContext | Promise<CallContext>) | undefined;
  /** Other task servers run in this thread too (in-process workers): progress needs the CallContext even for one call at a time. */
  sharedThread?: boolean | undefined;
  /**
   * Whether something sent is still inside this worker, queued by the runtime (an IPC channel the
   * parent has not read for a while). No call starts until it has left (see TaskServer.sendsLeft):
   * a worker killed without a word would lose those answers, and the parent would take the calls
   * they answered for the ones that were running, and run those again elsewhere.
   */
  sendsPending?: (() => boolean) | undefined;
}

/** What the worker entry may still do with a running task server. */
export interface TaskServer {
  /**
   * The worker is ending (an exit the entry caught): tells the parent which calls were running,
   * then starts no further call and sends nothing more.
   */
  halt(): void;
  /** Everything sent has left the worker: the calls held back by `sendsPending` start. */
  sendsLeft(): void;
  /** Whether the worker is ready with no call running or waiting, and not stopping: a call sent now would start at once. */
  idle(): boolean;
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
  const isHalted = () => halted;
  let closed = false;
  // Calls may come before start-up has finished (a Process sends its call with "init"): they
  // wait until the module is loaded, and are dropped if it fails to load (the parent is told).
  let startUpState: "loading" | "ready" | "failed" = "loading";
  const runningIds = new Set<number>();
  // Calls sent ahead (prefetched) wait here, in order, until a slot under `concurrency` frees up.
  const waiting = new RingQueue<Call>();
  const replies = new ReplyBatcher(channel);
  const progress = new CallProgress((message) => {
    if (!halted) channel.send(message);
  }, runningIds);
  /** Set when calls must run in a CallContext (see CallProgress.needsContext). */
  let context: CallContext | undefined;

  // Start-up news. Once halted (the module or initializer called process.exit), nothing: the
  // worker's exit says what happened, not the error its interrupted import threw.
  const announce = (message: FromWorker & { t: "ready" | "init-failed" }) => {
    if (!halted) channel.send(message);
  };

  const startUpListener: StartUpListener = {
    loaded: (loaded) => {
      tasks = loaded;
    },
    started: () => {
      const ready = () => {
        startUpState = "ready";
        announce({ t: "ready", v: PROTOCOL_VERSION });
        startWaiting(); // the calls that came with "init", if any
      };
      if (!options.callContext || !CallProgress.needsContext(concurrency, options.sharedThread === true))
        return ready();
      void Promise.resolve()
        .then(options.callContext)
        .then((made) => {
          context = made;
          progress.use(made);
        })
        .finally(ready);
    },
    failed: (message) => {
      startUpState = "failed";
      waiting.drain();
      announce(message);
      closeIfDone();
    },
  };

  const sendsPending = options.sendsPending;
  /** Set when a call waits for the sends before it to leave (see ServeOptions.sendsPending). */
  let heldBySends = false;
  const startWaiting = () => {
    while (!halted && startUpState === "ready" && running < concurrency && waiting.size > 0) {
      if (sendsPending?.()) {
        heldBySends = true;
        return;
      }
      call(waiting.shift() as Call);
    }
  };

  const finishCall = () => {
    running--;
    startWaiting();
    closeIfDone();
  };

  /** After "stop": ends the worker once every call is answered (or start-up failed). */
  const closeIfDone = () => {
    if (!stopRequested || closed) return;
    if (startUpState !== "failed" && (running > 0 || waiting.size > 0)) return;
    closed = true;
    replies.flush(false); // every answer leaves before the worker ends
    progress.silence();
    channel.close();
  };

  // Synchronous tasks are answered synchronously: no promise and no microtask hop per call,
  // which is most of the worker's cost for tiny tasks. Only a returned thenable is awaited.
  function call(message: Call): void {
    const fn = tasks?.[message.fn];
    if (typeof fn !== "function") {
      const error = { name: "UnknownTaskError", message: `no function export "${message.fn}"` };
      replies.reply(
        { t: "err", id: message.id, error, reason: "unknown-task", available: functionExports(tasks) },
        false,
      );
      if (waiting.size === 0) closeIfDone(); // it never ran: finishCall() will not check
      return;
    }
    // What is held must not wait for a call that may be long, or that a timeout may kill.
    const quick = message.quick === true;
    replies.beforeCall(quick);
    running++;
    runningIds.add(message.id);
    let result: unknown;
    try {
      const task = fn as (...args: unknown[]) => unknown;
      result =
        context === undefined
          ? invoke(task, message, isHalted)
          : context.run(message.id, () => invoke(task, message, isHalted));
    } catch (error) {
      settle(message.id, quick, false, error);
      return;
    }
    const chunked = message.chunk !== undefined;
    if (isThenable(result)) {
      result.then(
        (value) => settle(message.id, quick, true, value, chunked),
        (error) => settle(message.id, quick, false, error),
      );
    } else {
      settle(message.id, quick, true, result, chunked);
    }
  }

  /** Settles a call; a chunk's results go as columns when they pack (see records.ts). */
  function settle(id: number, quick: boolean, ok: boolean, value: unknown, chunked = false): void {
    runningIds.delete(id);
    try {
      // A chunk of numbers run as one (see runNumberChunk) comes packed already.
      const packed: Packed | undefined = !chunked
        ? undefined
        : value instanceof Float64Array
          ? [null, value]
          : packList(value as unknown[], packNumbers);
      replies.reply(
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
        concurrency = message.concurrency ?? Number.POSITIVE_INFINITY;
        packNumbers = message.packNumbers === true;
        // Its own thread: owner of the Locks it takes under the id the parent knows it by.
        if (message.agent !== undefined && options.sharedThread !== true) setWorkerAgent(message.agent);
        void startUp(message, importModule, startUpListener);
        break;
      case "call":
        if (startUpState === "failed") break; // the parent was told: init-failed fails its calls
        waiting.push(message);
        startWaiting();
        break;
      case "calls":
        if (startUpState === "failed") break;
        for (const c of message.calls) waiting.push(c);
        replies.open();
        try {
          startWaiting();
        } finally {
          replies.flush(false);
        }
        break;
      case "stop":
        stopRequested = true;
        closeIfDone();
        break;
    }
  });
  return {
    idle: () =>
      startUpState === "ready" &&
      running === 0 &&
      waiting.size === 0 &&
      !stopRequested &&
      !halted &&
      !heldBySends,
    sendsLeft: () => {
      if (!heldBySends) return;
      heldBySends = false;
      startWaiting();
    },
    halt: () => {
      if (halted) return;
      // The answers held so far were given: the parent must have them before it hears which
      // calls were still running, or it would take them for calls that never started.
      replies.flush(false);
      try {
        channel.send({ t: "exiting", running: [...runningIds] });
      } finally {
        halted = true;
        replies.silence();
        progress.silence();
      }
    },
  };
}

/** Runs one call's export: once, or for a chunk once per item (or argument list). */
function invoke(fn: (...args: unknown[]) => unknown, message: Call, halted: () => boolean): unknown {
  if (!message.live) return invokeWith(fn, message, message.args);
  // A call that carries talk objects waits for their code to load (see live-args.ts). If the
  // worker halted meanwhile (another call's process.exit()), the parent has already been told this
  // call failed: its task must not run.
  return liveArgs(message.args).then((args) => {
    if (halted()) throw new Error("the worker is exiting");
    return invokeWith(fn, message, args);
  });
}

function invokeWith(fn: (...args: unknown[]) => unknown, message: Call, args: unknown[]): unknown {
  const chunk = message.chunk;
  if (!chunk) return fn(...args);
  if (chunk !== "packed") return runChunk(fn, listCalls(args), chunk === "argLists");
  const packed = args as Packed;
  if (packed[0] === null && packed[1] instanceof Float64Array) return runNumberChunk(fn, packed[1]);
  return runChunk(fn, packedItems(packed), false);
}
