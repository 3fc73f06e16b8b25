// The memory of a Queue (and of each direction of a Pipe): a header of Int32 counters and a ring
// of bytes holding the items, each as a u32 length and its bytes (codec-*.ts). Every change is
// made under the header's short mutex, and the counters move only once the bytes are in place, so
// a thread ended in the middle of a copy leaves the ring as it was before that copy.
import { lockMutex, unlockMutex } from "./spin-mutex.ts";

/** Header slots (Int32). */
export const MUTEX = 0; // owner agent id; MUTEX + 1 counts its sleepers
export const COUNT = 2; // items in the ring
export const HEAD = 3; // byte offset of the oldest item
export const USED = 4; // bytes in use
export const PUT_SEQ = 5; // +1 on every put: getters wait on it
export const GET_SEQ = 6; // +1 on every get: putters wait on it
export const MAXSIZE = 7; // items allowed (0: no bound)
export const UNFINISHED = 8; // JoinableQueue: items put and not yet taskDone()
export const CLOSED = 9; // Pipe: set when the writing end is closed
export const WAITERS = 10; // getters asleep on PUT_SEQ (a put wakes only when there are some)
export const PUT_WAITERS = 11; // putters asleep on GET_SEQ
export const READER_CLOSED = 12; // Pipe: set when the reading end is closed
const HEADER_BYTES = 64;

/** The default ring size: items above a MiB are rare in a queue, and the memory is only reserved. */
export const DEFAULT_CAPACITY = 1 << 20;

/** A ring of items over a SharedArrayBuffer that every thread holding it shares. */
export class ByteRing {
  readonly sab: SharedArrayBuffer;
  readonly h: Int32Array;
  readonly ring: Uint8Array;
  readonly capacity: number;
  #scratch = new Uint8Array(256);

  constructor(sabOrCapacity: SharedArrayBuffer | number, maxsize = 0) {
    const fresh = typeof sabOrCapacity === "number";
    this.sab = fresh ? new SharedArrayBuffer(HEADER_BYTES + sabOrCapacity) : sabOrCapacity;
    this.h = new Int32Array(this.sab, 0, HEADER_BYTES / 4);
    this.ring = new Uint8Array(this.sab, HEADER_BYTES);
    this.capacity = this.ring.length;
    if (fresh) Atomics.store(this.h, MAXSIZE, maxsize);
  }

  lock(): void {
    lockMutex(this.h, MUTEX);
  }

  unlock(): void {
    unlockMutex(this.h, MUTEX);
  }

  /** Under the lock: whether an item of `n` bytes fits now (count and bytes). */
  fits(n: number): boolean {
    const max = this.h[MAXSIZE] as number;
    if (max > 0 && (this.h[COUNT] as number) >= max) return false;
    return this.capacity - (this.h[USED] as number) >= n + 4;
  }

  /** Under the lock: appends an item that fits. */
  push(item: Uint8Array): void {
    const h = this.h;
    const used = h[USED] as number;
    let tail = ((h[HEAD] as number) + used) % this.capacity;
    tail = this.#write(tail, lengthBytes(item.length));
    this.#write(tail, item);
    // The counters last: until here, a thread ended mid-copy has changed nothing readers see.
    h[USED] = used + 4 + item.length;
    h[COUNT] = (h[COUNT] as number) + 1;
    Atomics.add(h, PUT_SEQ, 1);
  }

  /** Under the lock: takes the oldest item (there is one) into a private buffer, valid until the next shift. */
  shift(): Uint8Array {
    const h = this.h;
    const head = h[HEAD] as number;
    const len = this.#read(head, 4, LEN_BYTES);
    const n = new DataView(len.buffer, len.byteOffset, 4).getUint32(0, true);
    if (this.#scratch.length < n) this.#scratch = new Uint8Array(Math.max(n, this.#scratch.length * 2));
    const item = this.#read((head + 4) % this.capacity, n, this.#scratch);
    h[HEAD] = (head + 4 + n) % this.capacity;
    h[USED] = (h[USED] as number) - 4 - n;
    h[COUNT] = (h[COUNT] as number) - 1;
    Atomics.add(h, GET_SEQ, 1);
    return item;
  }

  #write(at: number, bytes: Uint8Array): number {
    const first = Math.min(bytes.length, this.capacity - at);
    this.ring.set(first === bytes.length ? bytes : bytes.subarray(0, first), at);
    if (first < bytes.length) this.ring.set(bytes.subarray(first), 0);
    return (at + bytes.length) % this.capacity;
  }

  #read(at: number, n: number, into: Uint8Array): Uint8Array {
    const first = Math.min(n, this.capacity - at);
    into.set(this.ring.subarray(at, at + first), 0);
    if (first < n) into.set(this.ring.subarray(0, n - first), first);
    return into.subarray(0, n);
  }
}

const LEN_BYTES = new Uint8Array(4);
const LEN_OUT = new Uint8Array(4);
const LEN_VIEW = new DataView(LEN_OUT.buffer);

function lengthBytes(n: number): Uint8Array {
  LEN_VIEW.setUint32(0, n, true);
  return LEN_OUT;
}
