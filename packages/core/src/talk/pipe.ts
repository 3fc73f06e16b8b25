// Python's multiprocessing.Pipe: two connections, each direction a ring of shared memory
// (byte-ring.ts), so that poll() answers from what was sent, not from what an event loop has
// delivered yet, and a pipe costs no MessagePort (a listening port keeps a Deno program alive).
// Handing a connection to a worker moves it: the sender's object is detached.
import { InvalidArgumentError, InvalidStateError, SerializationError } from "../parent/errors.ts";
import {
  ByteRing,
  CLOSED,
  COUNT,
  DEFAULT_CAPACITY,
  GET_SEQ,
  MUTEX,
  PUT_SEQ,
  PUT_WAITERS,
  READER_CLOSED,
  WAITERS,
} from "./byte-ring.ts";
import { decode } from "./codec-decode.ts";
import { encode } from "./codec-encode.ts";
import { freeMutexOf } from "./spin-mutex.ts";
import { BrokenPipeError, EOFError } from "./talk-errors.ts";
import { checkTimeout } from "./talk-options.ts";
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

/** One end of a Pipe: send(), recv(), poll(), close(). */
export class Connection<T = unknown> {
  #in: ByteRing | undefined;
  #out: ByteRing | undefined;
  #closed = false;
  #detached = false;
  /** Messages sent while the ring had no room: they go in order as room frees. */
  #outbox: Uint8Array[] = [];
  #flushing: Promise<void> | undefined;

  /** @internal Made by Pipe() or rebuilt from a wire form. */
  constructor(ends: Revive | { in: ByteRing | undefined; out: ByteRing | undefined }) {
    if (ends instanceof Revive) {
      const wire = ends.wire;
      this.#in = wire.in ? new ByteRing(wire.in as SharedArrayBuffer) : undefined;
      this.#out = wire.out ? new ByteRing(wire.out as SharedArrayBuffer) : undefined;
    } else {
      this.#in = ends.in;
      this.#out = ends.out;
    }
    noteTalker();
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "Connection";
  }

  /** Whether this end can recv(). */
  get readable(): boolean {
    return this.#in !== undefined;
  }

  /** Whether this end can send(). */
  get writable(): boolean {
    return this.#out !== undefined;
  }

  /** Whether close() was called here, or the end was handed to a worker. */
  get closed(): boolean {
    return this.#closed || this.#detached;
  }

  /**
   * Sends `value` (copied as structured clone copies): SerializationError at once when it cannot
   * be, BrokenPipeError when the other end is closed. Never waits: what finds no room is kept here
   * and goes, in order, as the other end reads.
   */
  send(value: T): void {
    const out = this.#usable("send", this.#out);
    if (Atomics.load(out.h, READER_CLOSED) === 1) throw new BrokenPipeError();
    let bytes: Uint8Array;
    try {
      bytes = encode(value);
    } catch (error) {
      throw new SerializationError("item", error instanceof Error ? error.message : String(error));
    }
    if (bytes.length + 4 > out.capacity)
      throw new InvalidArgumentError(
        `a message of ${bytes.length} bytes does not fit the pipe's ${out.capacity} bytes: make it with a larger { capacity }`,
      );
    if (this.#outbox.length === 0 && this.#tryPush(out, bytes)) return;
    this.#outbox.push(bytes.slice());
    this.#flushing ??= this.#flush(out);
  }

  #tryPush(out: ByteRing, bytes: Uint8Array): boolean {
    out.lock();
    if (!out.fits(bytes.length)) {
      out.unlock();
      return false;
    }
    try {
      out.push(bytes);
    } finally {
      out.unlock();
    }
    if (Atomics.load(out.h, WAITERS) > 0) wake(out.h, PUT_SEQ, 1);
    return true;
  }

  async #flush(out: ByteRing): Promise<void> {
    while (this.#outbox.length > 0) {
      if (Atomics.load(out.h, READER_CLOSED) === 1) {
        this.#outbox = []; // nobody will read them, as with a pipe whose reader is gone
        break;
      }
      if (this.#tryPush(out, this.#outbox[0] as Uint8Array)) {
        this.#outbox.shift();
        continue;
      }
      const seq = Atomics.load(out.h, GET_SEQ);
      Atomics.add(out.h, PUT_WAITERS, 1);
      await waitChange(out.h, GET_SEQ, seq, 1000);
      Atomics.sub(out.h, PUT_WAITERS, 1);
    }
    this.#flushing = undefined;
  }

  /** The next message, waiting for one; EOFError once the other end is closed and every message read. */
  async recv(): Promise<T> {
    const ring = this.#usable("recv", this.#in);
    for (;;) {
      ring.lock();
      if ((ring.h[COUNT] as number) > 0) {
        let bytes: Uint8Array;
        try {
          bytes = ring.shift();
        } finally {
          ring.unlock();
        }
        if (Atomics.load(ring.h, PUT_WAITERS) > 0) wake(ring.h, GET_SEQ);
        return decode(bytes) as T;
      }
      const seq = Atomics.load(ring.h, PUT_SEQ);
      ring.unlock();
      if (Atomics.load(ring.h, CLOSED) === 1) throw new EOFError();
      Atomics.add(ring.h, WAITERS, 1);
      await waitChange(ring.h, PUT_SEQ, seq, Number.POSITIVE_INFINITY);
      Atomics.sub(ring.h, WAITERS, 1);
    }
  }

  /**
   * Whether recv() would answer without waiting (a message, or EOF). With no timeout it answers
   * at once, as Python's; with `timeoutMs` it waits that long for one.
   */
  async poll(timeoutMs?: number): Promise<boolean> {
    const ring = this.#usable("poll", this.#in);
    const time = deadline(timeoutMs === undefined ? 0 : checkTimeout(timeoutMs, "poll"));
    for (;;) {
      const seq = Atomics.load(ring.h, PUT_SEQ);
      if (Atomics.load(ring.h, COUNT) > 0 || Atomics.load(ring.h, CLOSED) === 1) return true;
      const left = time.left();
      if (left <= 0) return false;
      Atomics.add(ring.h, WAITERS, 1);
      await waitChange(ring.h, PUT_SEQ, seq, left);
      Atomics.sub(ring.h, WAITERS, 1);
    }
  }

  /** Closes this end: the other end's recv() gets EOFError once it has read what was sent. No-op once handed to a worker. */
  close(): void {
    if (this.#closed || this.#detached) return;
    this.#closed = true;
    const flushed = this.#flushing ?? Promise.resolve();
    const out = this.#out;
    const input = this.#in;
    if (input) markClosed(input, READER_CLOSED, GET_SEQ);
    if (out) void flushed.then(() => markClosed(out, CLOSED, PUT_SEQ));
  }

  #usable(method: string, ring: ByteRing | undefined): ByteRing {
    if (this.#detached) throw new InvalidStateError(`${method}(): this connection was handed to a worker`);
    if (this.#closed) throw new InvalidStateError(`${method}(): this connection is closed`);
    if (!ring)
      throw new InvalidStateError(
        `${method}(): this end of a one-way Pipe cannot ${method === "send" ? "send" : "receive"}`,
      );
    return ring;
  }

  /** Handing the connection over detaches it here. @internal */
  [TO_WIRE](): WireForm {
    if (this.#detached)
      throw new InvalidStateError(
        "this Pipe connection was handed to a worker already, and an end can be handed over only once (it moves, like a transferred MessagePort): make one Pipe per worker, or use a Queue, which any number of workers share",
      );
    if (this.#closed) throw new InvalidStateError("a closed Pipe connection cannot be handed to a worker");
    this.#detached = true;
    return { [TALK_MARK]: "Connection", in: this.#in?.sab, out: this.#out?.sab };
  }

  /** The dead thread had this end (handed to it): its end closes, and its mutexes are freed. @internal */
  [RELEASE_FOR](agent: number): void {
    for (const ring of [this.#in, this.#out]) if (ring) freeMutexOf(ring.h, MUTEX, agent);
    if (!this.#detached) return;
    if (this.#in) markClosed(this.#in, READER_CLOSED, GET_SEQ);
    if (this.#out) markClosed(this.#out, CLOSED, PUT_SEQ);
  }
}

function markClosed(ring: ByteRing, flag: number, seq: number): void {
  Atomics.store(ring.h, flag, 1);
  Atomics.add(ring.h, seq, 1);
  wake(ring.h, seq);
}

/**
 * Python's `multiprocessing.Pipe(duplex)`: `[conn1, conn2]`. Duplex (the default): both ends
 * send and receive. `Pipe(false)`: conn1 only receives, conn2 only sends.
 */
export function Pipe<T = unknown>(
  duplex = true,
  options: { capacity?: number } = {},
): [Connection<T>, Connection<T>] {
  const capacity = options.capacity ?? DEFAULT_CAPACITY;
  if (!Number.isInteger(capacity) || capacity < 16)
    throw new InvalidArgumentError(
      `a Pipe's capacity must be a whole number of bytes ≥ 16, got ${String(capacity)}`,
    );
  const toFirst = new ByteRing(capacity);
  if (!duplex)
    return [new Connection({ in: toFirst, out: undefined }), new Connection({ in: undefined, out: toFirst })];
  const toSecond = new ByteRing(capacity);
  return [new Connection({ in: toFirst, out: toSecond }), new Connection({ in: toSecond, out: toFirst })];
}

sameAcrossCopies(Connection, "Connection");
