// One call as an engine holds it: what goes to a worker, its promise, and where it is. Only
// settle() ends it, once: whatever settles a call first (its answer, its worker's death, a
// timeout, terminate()) wins, and the others find it done.

import type { Chunk } from "../../wire/protocol.ts";
import type { TransferItem } from "../adapter.ts";
import { callSafely } from "../call-safely.ts";
import { nothingToUnwatch, type Unwatch } from "./call-watch.ts";
import type { CallRequest } from "./engine.ts";

/** Where a call is: waiting for a worker, sent to one, or settled. */
export type TaskState = "queued" | "running" | "done";

/** One call: its message to a worker, its promise, and where it is. */
export class Task<Holder = unknown> {
  /** The call's id on the wire, unique in its engine. */
  readonly id: number;
  /** The export to call. */
  readonly fn: string;
  /** The call's arguments, or for a chunk its items or argument lists (a Process drops them once sent). */
  args: unknown[];
  /** How `args` is read for a chunk; undefined for one plain call. */
  readonly chunk: Chunk | undefined;
  /** Objects to transfer instead of copy. */
  readonly transfer: readonly TransferItem[] | undefined;
  /** Has a timeout or a signal: it must never wait inside a worker, where it could not be taken back. */
  readonly cancellable: boolean;
  /** Hears the progress the task reports (CallOptions.onProgress). */
  readonly onProgress: ((value: unknown) => void) | undefined;
  /** Settles with the call's result or error (see settle()). */
  readonly promise: Promise<unknown>;
  /** When the call was taken (performance.now()): how long it waited is `sentAt - createdAt`. */
  readonly createdAt: number = performance.now();
  #resolve!: (value: unknown) => void;
  #reject!: (error: unknown) => void;
  #unwatch: Unwatch = nothingToUnwatch;
  #state: TaskState = "queued";
  #succeeded: boolean | undefined;
  #holder: Holder | undefined;
  #sentAt = 0;
  /** Which message to its worker carried it (numbered per worker), for takeUnanswered(). */
  sentInMessage = 0;
  /** Sent marked `quick` (see Call.quick): its worker may have held results while it ran. */
  sentQuick = false;

  constructor(id: number, request: CallRequest) {
    this.id = id;
    this.fn = request.task;
    this.args = request.args;
    this.chunk = request.chunk;
    const options = request.options;
    this.transfer = options?.transfer;
    this.onProgress = options?.onProgress;
    this.cancellable =
      options !== undefined && (options.timeout !== undefined || options.signal !== undefined);
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Queued, running or done. */
  get state(): TaskState {
    return this.#state;
  }

  /** Once done: whether it succeeded. */
  get succeeded(): boolean | undefined {
    return this.#succeeded;
  }

  /** The worker it was sent to, while it runs there. */
  get holder(): Holder | undefined {
    return this.#holder;
  }

  /** When it was sent to its worker (performance.now()). */
  get sentAt(): number {
    return this.#sentAt;
  }

  /** What disarms its timeout and signal listener once it settles (see watchCall). */
  watchedUntilSettled(unwatch: Unwatch): void {
    this.#unwatch = unwatch;
  }

  /** Waits in the engine's queue (again, when its worker died before starting it). */
  requeued(): void {
    if (this.#state === "done") return;
    this.#state = "queued";
    this.#holder = undefined;
  }

  /** Sent to `holder`'s worker. */
  sentTo(holder: Holder): void {
    this.#state = "running";
    this.#holder = holder;
    this.#sentAt = performance.now();
  }

  /** Hands the caller's onProgress a value the task reported, while the call is not settled. */
  progressed(value: unknown): void {
    if (this.#state === "done" || !this.onProgress) return;
    callSafely(this.onProgress, value);
  }

  /** Settles the promise, once: false if it was settled already. */
  settle(ok: boolean, value: unknown): boolean {
    if (this.#state === "done") return false;
    this.#state = "done";
    this.#succeeded = ok;
    this.#holder = undefined;
    this.#unwatch();
    if (ok) this.#resolve(value);
    else this.#reject(value);
    return true;
  }
}
