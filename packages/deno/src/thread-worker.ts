// Kind "thread": a Web Worker ({ type: "module" }) running thread-entry. Its exit is known from
// the entry's notice (self.close, Deno.exit, process.exit) or from an uncaught error event. Small
// plain calls and answers travel through the mailboxes the entry makes (mailbox.ts), the rest by
// postMessage.

import { isArgumentsObject, isProxy } from "node:util/types";
import {
  CallOutbox,
  entryBeside,
  exitFromClosed,
  type FromWorker,
  isNotice,
  MailboxReader,
  type ToWorker,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
  type WorkerNotice,
} from "@multiproc/core/adapter";

const entry = entryBeside(import.meta.url, "thread-entry");
let nextId = 1;
const IDLE_GRACE_MS = 1000;
/** How often a terminated worker's thread is checked for being gone. */
const GONE_CHECK_MS = 20;
/** A thread still there this long after terminate() is stuck in a synchronous loop (deno#35657). */
const STUCK_AFTER_MS = 200;

export class ThreadWorker implements WorkerHandle {
  readonly pid: number = nextId++;
  readonly #worker: Worker;
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #ended = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the worker last went idle (performance.now()), or undefined while it works. */
  #idleSince: number | undefined;
  /** The worker's OS thread id, once its entry has said it (see thread-entry.ts). */
  #tid: number | undefined;
  readonly #unstoppableListeners: (() => void)[] = [];
  #goneCheck: ReturnType<typeof setInterval> | undefined;
  /** Small calls go here, and small answers come here, once the worker has offered them (core's wire/mailbox.ts). */
  readonly #outbox = new CallOutbox(looksPlainIsNot);
  #inbox: MailboxReader<FromWorker> | undefined;
  /** Messages received from the worker before the mailboxes came. */
  #received = 0;
  /** Numbers in map chunks go as Float64Array: V8 clones an array of numbers element by element. */
  readonly packNumbers = true;

  constructor(name: string | undefined) {
    this.#worker = new Worker(entry, { type: "module", name });
    this.#worker.addEventListener("error", (event) => {
      event.preventDefault(); // the error is reported as this worker's exit, not as the program's
      this.#end({ code: 1, signal: null, error: event.error ?? new Error(event.message) });
    });
  }

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    // No second argument unless something is transferred: with one (even []), Deno takes its
    // slow path (WebIDL conversion, a different op), several µs more per call.
    const post = () =>
      transfer?.length
        ? this.#worker.postMessage(message, [...transfer] as never[])
        : this.#worker.postMessage(message);
    if (this.#ended) post();
    else this.#outbox.send(message, transfer, post);
  }

  /** `listener` hears every message; the pool gives exactly one (the mailbox delivers to it too). */
  onMessage(listener: (message: FromWorker) => void): void {
    this.#worker.addEventListener("message", (event) => {
      const data = event.data as FromWorker | WorkerNotice;
      const inbox = this.#inbox;
      if (inbox) {
        inbox.received(() => this.#receive(data, listener));
        return;
      }
      this.#received++;
      if (isNotice(data) && data.t === "mailboxes") {
        this.#outbox.open(data.toWorker);
        if (data.fromWorker) this.#inbox = new MailboxReader(data.fromWorker, this.#received, listener);
      } else this.#receive(data, listener);
    });
    // A message that failed to arrive was still posted, and counted by the worker.
    this.#worker.addEventListener("messageerror", () => {
      if (this.#inbox) this.#inbox.received(() => {});
      else this.#received++;
    });
  }

  #receive(data: FromWorker | WorkerNotice, listener: (message: FromWorker) => void): void {
    if (!isNotice(data)) listener(data);
    else if (data.t === "thread-id") this.#tid = data.tid;
    else if (data.t === "closed") this.#end(exitFromClosed(data));
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.#exitListeners.push(listener);
  }

  /**
   * Stops the worker. Deno cannot stop one stuck in a synchronous loop (deno#35657): it runs on
   * until its loop ends, and keeps the program alive. So its exit is reported once its thread is
   * gone; a thread still there after STUCK_AFTER_MS is said to be unstoppable (the pool counts it,
   * but does not wait for it). Without the thread's id (no --allow-read), there is no telling:
   * the exit is reported at once. Kind "process" can always be ended; a program with a stuck
   * worker can still end with Deno.exit().
   */
  terminate(): void {
    // Ended on purpose: nothing it puts in the mailbox from now on counts (a thread stuck in a
    // loop runs on, and may still answer: deno#35657).
    this.#inbox?.stop();
    this.#worker.terminate();
    if (this.#ended || this.#goneCheck !== undefined) return;
    const tid = this.#tid;
    if (tid === undefined) {
      // Deno fires no event for a terminated worker; report the exit as Node does (code 1).
      queueMicrotask(() => this.#end({ code: 1, signal: null }));
      return;
    }
    const since = performance.now();
    let stuck = false;
    this.#goneCheck = setInterval(() => {
      if (!threadAlive(tid)) this.#end({ code: 1, signal: null });
      else if (!stuck && performance.now() - since >= STUCK_AFTER_MS) {
        stuck = true;
        for (const listener of this.#unstoppableListeners) listener();
      }
    }, GONE_CHECK_MS);
    // Not unref'd: a program awaiting terminate() must live until the answer (a stuck worker
    // keeps it alive anyway).
  }

  /** Whether its entry spins on the mailbox now (see mailbox.ts): a call put there starts at once. */
  awake(): boolean {
    return this.#outbox.awake();
  }

  onUnstoppable(listener: () => void): void {
    this.#unstoppableListeners.push(listener);
  }

  /**
   * A Web Worker cannot be unref'd: an idle one would keep the program alive forever. So an idle
   * worker ends itself after a second unless work comes (the timer itself is unref'd); the pool
   * starts a new one when needed (about 8 ms here). The pool calls unref() and ref() around every
   * call: creating and clearing a Deno timer each time cost several µs a round trip, so one timer
   * stays armed and, when it fires, ends the worker only if it has been idle a full second since,
   * else waits out the rest.
   */
  unref(): void {
    if (this.#idleSince !== undefined || this.#ended) return;
    this.#idleSince = performance.now();
    if (this.#idleTimer === undefined) this.#armIdleTimer(IDLE_GRACE_MS);
  }

  ref(): void {
    this.#idleSince = undefined;
  }

  #armIdleTimer(ms: number): void {
    const timer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#idleSince === undefined) return; // working: the next unref() arms a new one
      const left = IDLE_GRACE_MS - (performance.now() - this.#idleSince);
      if (left <= 0) this.#end({ code: 0, signal: null });
      else this.#armIdleTimer(left);
    }, ms);
    Deno.unrefTimer(timer);
    this.#idleTimer = timer;
  }

  #end(exit: WorkerExit): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#inbox?.close(); // an answer left in the mailbox came before the end
    clearInterval(this.#goneCheck);
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    this.#idleSince = undefined;
    this.#worker.terminate();
    for (const listener of this.#exitListeners) listener(exit);
  }
}

/** Objects that look plain to JavaScript but that structured clone refuses: posted. */
const looksPlainIsNot = (value: object): boolean => isProxy(value) || isArgumentsObject(value);

/** Whether a thread of this program still runs (it is listed in /proc/self/task). */
function threadAlive(tid: number): boolean {
  try {
    Deno.statSync(`/proc/self/task/${tid}`);
    return true;
  } catch {
    return false;
  }
}
