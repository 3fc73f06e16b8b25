// One call on its way through a pool: from the queue to a worker to a settled promise. Its state
// changes here and nowhere else: queued → running → done, or back to queued when its worker died
// before starting it.
import type { TransferItem } from "./adapter.ts";
import type { Chunk } from "./protocol.ts";

/** Where a call is: waiting in the pool's queue, sent to a worker, or settled. */
export type TaskState = "queued" | "running" | "done";

/** What a task was made with. */
export interface TaskInit {
  /** The call's id on the wire, unique in its pool. */
  id: number;
  /** The export to call. */
  fn: string;
  /** Its arguments, or for a chunk its items or argument lists. */
  args: unknown[];
  /** How `args` is read (see Chunk), or false for one plain call. */
  chunk: Chunk | false;
  /** Objects to transfer instead of copy. */
  transfer: readonly TransferItem[] | undefined;
  /** Has a timeout or a signal. */
  cancellable: boolean;
  /** Resolves the caller's promise. */
  resolve(value: unknown): void;
  /** Rejects the caller's promise. */
  reject(error: unknown): void;
  /** Clears the call's timer and signal listener, once it is settled. */
  cleanup(): void;
}

/** One call: its message to a worker, its promise, and where it is. */
export class Task<Holder = unknown> {
  /** The call's id on the wire, unique in its pool. */
  readonly id: number;
  /** The export to call. */
  readonly fn: string;
  /** The call's arguments, or for a chunk its items or argument lists (a Process drops them once sent). */
  args: unknown[];
  /** How `args` is read (see Chunk), or false for one plain call. */
  readonly chunk: Chunk | false;
  /** Objects to transfer instead of copy. */
  readonly transfer: readonly TransferItem[] | undefined;
  /** Has a timeout or a signal: it must never wait inside a worker, where it could not be taken back. */
  readonly cancellable: boolean;
  readonly #resolve: (value: unknown) => void;
  readonly #reject: (error: unknown) => void;
  readonly #cleanup: () => void;
  #state: TaskState = "queued";
  #holder: Holder | undefined;
  #sentAt = 0;
  /** Which message to its worker carried it (numbered per worker), for takeUnanswered(). */
  sentInMessage = 0;
  /** Sent marked `quick` (see Call.quick): its worker may have held results while it ran. */
  sentQuick = false;

  constructor(init: TaskInit) {
    this.id = init.id;
    this.fn = init.fn;
    this.args = init.args;
    this.chunk = init.chunk;
    this.transfer = init.transfer;
    this.cancellable = init.cancellable;
    this.#resolve = init.resolve;
    this.#reject = init.reject;
    this.#cleanup = init.cleanup;
  }

  /** Queued, running or done. */
  get state(): TaskState {
    return this.#state;
  }

  /** The worker it was sent to, while it runs there. */
  get holder(): Holder | undefined {
    return this.#holder;
  }

  /** When it was sent to its worker (performance.now()). */
  get sentAt(): number {
    return this.#sentAt;
  }

  /** Waits in the pool's queue (again, when its worker died before starting it). */
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

  /** Settles the promise, once: false if it was settled already. */
  settle(ok: boolean, value: unknown): boolean {
    if (this.#state === "done") return false;
    this.#state = "done";
    this.#holder = undefined;
    this.#cleanup();
    if (ok) this.#resolve(value);
    else this.#reject(value);
    return true;
  }
}
