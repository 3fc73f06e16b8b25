// Python's multiprocessing.Queue, JoinableQueue and SimpleQueue over shared memory: any thread
// holding the queue puts and gets, FIFO, with no thread in between. Items are copied as
// structured clone would copy them (codec-encode.ts); one that cannot be is refused by put() at
// once and never takes a place.
import {
  InvalidArgumentError,
  InvalidStateError,
  QueueFullError,
  SerializationError,
} from "../parent/errors.ts";
import {
  ByteRing,
  COUNT,
  DEFAULT_CAPACITY,
  GET_SEQ,
  MAXSIZE,
  MUTEX,
  PUT_SEQ,
  PUT_WAITERS,
  UNFINISHED,
  WAITERS,
} from "./byte-ring.ts";
import { decode } from "./codec-decode.ts";
import { encode } from "./codec-encode.ts";
import { freeMutexOf } from "./spin-mutex.ts";
import { QueueEmptyError, TooManyReleasesError } from "./talk-errors.ts";
import { type BlockOptions, waitBudget } from "./talk-options.ts";
import {
  noteTalker,
  RELEASE_FOR,
  Revive,
  sameAcrossCopies,
  TALK_MARK,
  TO_WIRE,
  type WireForm,
} from "./talker.ts";
import { deadline, waitChange, wake } from "./wait.ts";

/** Options of `new Queue(…)`. */
export interface QueueOptions {
  /** Items the queue holds at most (default 0: no bound). put() waits for room beyond it. */
  maxsize?: number | undefined;
  /** Bytes reserved for the items (default 1 MiB); an item larger than this is refused. */
  capacity?: number | undefined;
}

/**
 * Python's `multiprocessing.Queue`: many producers and consumers in the parent, Process objects
 * and Pool workers of kind "thread", FIFO. Hand it to a worker as an argument; it is the same
 * queue there.
 */
export class Queue<T = unknown> {
  /** The shared memory: counters and the items' bytes. */
  protected readonly ring: ByteRing;
  #closed = false;

  constructor(options?: QueueOptions | Revive) {
    if (options instanceof Revive) {
      this.ring = new ByteRing(options.wire.sab as SharedArrayBuffer);
    } else {
      const maxsize = checkCount(options?.maxsize ?? 0, "maxsize");
      const capacity = checkCount(options?.capacity ?? DEFAULT_CAPACITY, "capacity");
      this.ring = new ByteRing(Math.max(capacity, 16), maxsize);
    }
    noteTalker();
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "Queue";
  }

  /** The `maxsize` it was made with (0: no bound). */
  get maxsize(): number {
    return this.ring.h[MAXSIZE] as number;
  }

  /**
   * Puts `item` at the tail. Waits for room while the queue is full (at most `timeout` ms), or
   * with `block: false` does not wait; either way, no room rejects with QueueFullError. An item
   * that cannot be copied rejects with SerializationError and takes no place.
   */
  async put(item: T, options?: BlockOptions): Promise<void> {
    const bytes = this.#encode(item);
    const time = deadline(waitBudget(options, "put"));
    const ring = this.ring;
    for (;;) {
      ring.lock();
      if (ring.fits(bytes.length)) {
        this.#push(bytes);
        return;
      }
      const seq = Atomics.load(ring.h, GET_SEQ);
      ring.unlock();
      const left = time.left();
      if (left <= 0) throw this.#full();
      Atomics.add(ring.h, PUT_WAITERS, 1);
      await waitChange(ring.h, GET_SEQ, seq, left);
      Atomics.sub(ring.h, PUT_WAITERS, 1);
    }
  }

  /** Puts `item` only if there is room now: Python's `put_nowait`. Throws QueueFullError otherwise. */
  putNowait(item: T): void {
    const bytes = this.#encode(item);
    const ring = this.ring;
    ring.lock();
    if (!ring.fits(bytes.length)) {
      ring.unlock();
      throw this.#full();
    }
    this.#push(bytes);
  }

  /**
   * Takes the item at the head. Waits for one while the queue is empty (at most `timeout` ms), or
   * with `block: false` does not wait; either way, none rejects with QueueEmptyError.
   */
  async get(options?: BlockOptions): Promise<T> {
    this.#checkOpen();
    const time = deadline(waitBudget(options, "get"));
    const ring = this.ring;
    for (;;) {
      ring.lock();
      if ((ring.h[COUNT] as number) > 0) return this.#shift();
      const seq = Atomics.load(ring.h, PUT_SEQ);
      ring.unlock();
      const left = time.left();
      if (left <= 0) throw new QueueEmptyError();
      Atomics.add(ring.h, WAITERS, 1);
      await waitChange(ring.h, PUT_SEQ, seq, left);
      Atomics.sub(ring.h, WAITERS, 1);
    }
  }

  /** Takes the head item only if there is one now: Python's `get_nowait`. Throws QueueEmptyError otherwise. */
  getNowait(): T {
    this.#checkOpen();
    const ring = this.ring;
    ring.lock();
    if ((ring.h[COUNT] as number) > 0) return this.#shift();
    ring.unlock();
    throw new QueueEmptyError();
  }

  /** Items in the queue now (others may change it at once, as in Python). */
  qsize(): number {
    return Atomics.load(this.ring.h, COUNT);
  }

  /** Whether the queue is empty now. */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /** Whether the queue holds `maxsize` items now. */
  full(): boolean {
    const max = this.maxsize;
    return max > 0 && this.qsize() >= max;
  }

  /**
   * This holder puts and gets nothing more (both then throw InvalidStateError); the queue and
   * its items stay for every other holder, as Python's `close()` affects only the calling process.
   */
  close(): void {
    this.#closed = true;
  }

  /** Python's `join_thread()`: nothing to wait for here, as put() copies the item before it returns. */
  async joinThread(): Promise<void> {}

  /** Python's `cancel_join_thread()`: nothing to cancel (see joinThread). */
  cancelJoinThread(): void {}

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return { [TALK_MARK]: this[Symbol.toStringTag], sab: this.ring.sab };
  }

  /** A dead thread cannot be holding the mutex for ever. @internal */
  [RELEASE_FOR](agent: number): void {
    freeMutexOf(this.ring.h, MUTEX, agent);
  }

  /** Under the ring's lock, which it lets go: counts the item for join() too. */
  #push(bytes: Uint8Array): void {
    const ring = this.ring;
    try {
      ring.push(bytes);
      if (this.countsTasks) Atomics.add(ring.h, UNFINISHED, 1);
    } finally {
      ring.unlock();
    }
    if (Atomics.load(ring.h, WAITERS) > 0) wake(ring.h, PUT_SEQ, 1);
  }

  #shift(): T {
    const ring = this.ring;
    let bytes: Uint8Array;
    try {
      bytes = ring.shift();
    } finally {
      ring.unlock();
    }
    // Room for every putter that waits: the first may need more bytes than one item freed.
    if (Atomics.load(ring.h, PUT_WAITERS) > 0) wake(ring.h, GET_SEQ);
    return decode(bytes) as T;
  }

  /** Whether put() counts items for taskDone()/join() (JoinableQueue). */
  protected get countsTasks(): boolean {
    return false;
  }

  #encode(item: T): Uint8Array {
    this.#checkOpen();
    let bytes: Uint8Array;
    try {
      bytes = encode(item);
    } catch (error) {
      throw new SerializationError("item", error instanceof Error ? error.message : String(error));
    }
    if (bytes.length + 4 > this.ring.capacity)
      throw new InvalidArgumentError(
        `an item of ${bytes.length} bytes does not fit a queue of ${this.ring.capacity} bytes: make it with a larger { capacity }`,
      );
    return bytes;
  }

  #full(): QueueFullError {
    const max = this.maxsize;
    return new QueueFullError(
      max,
      {},
      max > 0 && this.qsize() >= max
        ? `queue full: it holds its maxsize, ${max} items`
        : `queue full: its ${this.ring.capacity} bytes are taken`,
    );
  }

  #checkOpen(): void {
    if (this.#closed) throw new InvalidStateError(`this ${this[Symbol.toStringTag]} was closed here`);
  }
}

/** Python's `multiprocessing.JoinableQueue`: a Queue whose consumers say `taskDone()`, and `join()` waits for all. */
export class JoinableQueue<T = unknown> extends Queue<T> {
  /** The class name, as `Object.prototype.toString` shows it. */
  override get [Symbol.toStringTag](): string {
    return "JoinableQueue";
  }

  protected override get countsTasks(): boolean {
    return true;
  }

  /** An item taken with get() is dealt with. More calls than items put throws TooManyReleasesError. */
  taskDone(): void {
    const h = this.ring.h;
    for (;;) {
      const left = Atomics.load(h, UNFINISHED);
      if (left <= 0) throw new TooManyReleasesError("taskDone() called more times than items were put");
      if (Atomics.compareExchange(h, UNFINISHED, left, left - 1) === left) {
        if (left === 1) wake(h, UNFINISHED);
        return;
      }
    }
  }

  /** Resolves once every item put has been taken and marked done with taskDone(). */
  async join(): Promise<void> {
    const h = this.ring.h;
    for (;;) {
      const left = Atomics.load(h, UNFINISHED);
      if (left === 0) return;
      await waitChange(h, UNFINISHED, left, Number.POSITIVE_INFINITY);
    }
  }
}

/** Python's `multiprocessing.SimpleQueue`: put, get, empty and close, with no bound. */
export class SimpleQueue<T = unknown> {
  readonly #queue: Queue<T>;

  constructor(options?: { capacity?: number | undefined } | Revive) {
    this.#queue = new Queue<T>(options instanceof Revive ? options : { capacity: options?.capacity });
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "SimpleQueue";
  }

  /** Puts `item` at the tail (refused with SerializationError when it cannot be copied). */
  put(item: T): Promise<void> {
    return this.#queue.put(item);
  }

  /** Takes the head item, waiting for one. */
  get(): Promise<T> {
    return this.#queue.get();
  }

  /** Whether the queue is empty now. */
  empty(): boolean {
    return this.#queue.empty();
  }

  /** This holder puts and gets nothing more. */
  close(): void {
    this.#queue.close();
  }

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return { ...this.#queue[TO_WIRE](), [TALK_MARK]: "SimpleQueue" };
  }

  /** Frees what a dead worker held in it. @internal */
  [RELEASE_FOR](agent: number): void {
    this.#queue[RELEASE_FOR](agent);
  }
}

function checkCount(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff)
    throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got ${String(n)}`);
  return n;
}

sameAcrossCopies(Queue, "Queue");
sameAcrossCopies(JoinableQueue, "JoinableQueue");
sameAcrossCopies(SimpleQueue, "SimpleQueue");
