// Python's multiprocessing.Condition over a shared sequence number: notify() moves it on and
// wakes up to n waiters, in the order they began to wait; a waiter that read the number before
// letting the lock go cannot miss a notify made after.
import { InvalidArgumentError, InvalidStateError } from "../parent/errors.ts";
import { Lock, RLock } from "./lock.ts";
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

const SEQ = 0;

/**
 * Python's `multiprocessing.Condition(lock)`. Its default lock is a plain Lock, not Python's
 * RLock: concurrent async callers in one thread share that thread's identity, which an RLock
 * would let in together. Pass an RLock to have Python's default.
 */
export class Condition {
  readonly #h: Int32Array;
  readonly #lock: Lock | RLock;

  constructor(lock?: Lock | RLock | Revive) {
    if (lock instanceof Revive) {
      this.#h = new Int32Array(lock.wire.sab as SharedArrayBuffer);
      const inner = lock.wire.lock as WireForm;
      this.#lock = inner[TALK_MARK] === "RLock" ? new RLock(new Revive(inner)) : new Lock(new Revive(inner));
    } else {
      if (lock !== undefined && !(lock instanceof Lock) && !(lock instanceof RLock))
        throw new InvalidArgumentError("a Condition's lock must be a Lock or an RLock");
      this.#h = new Int32Array(new SharedArrayBuffer(4));
      this.#lock = lock ?? new Lock();
    }
    noteTalker();
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "Condition";
  }

  /** Takes the underlying lock (see Lock.acquire). */
  acquire(options?: { block?: boolean; timeout?: number }): Promise<boolean> {
    return this.#lock.acquire(options);
  }

  /** Lets the underlying lock go. */
  release(): void {
    this.#lock.release();
  }

  /**
   * Lets the lock go, waits for notify() (or `timeoutMs`), takes the lock back. Resolves false
   * when the time ran out. The lock must be held by this thread (InvalidStateError otherwise).
   */
  async wait(timeoutMs?: number): Promise<boolean> {
    const budget = checkTimeout(timeoutMs, "wait");
    this.#checkHeld("wait");
    const seq = Atomics.load(this.#h, SEQ);
    const depth = this.#lock.releaseAll();
    let woke: string;
    try {
      woke = await waitChange(this.#h, SEQ, seq, budget);
    } finally {
      await this.#lock.restore(depth);
    }
    return woke !== "timed-out";
  }

  /**
   * Waits until `predicate()` is truthy (checked first, then after each wake-up, with the lock
   * held), or until `timeoutMs` passed; returns the predicate's last value.
   */
  async waitFor<R>(predicate: () => R | Promise<R>, timeoutMs?: number): Promise<R> {
    const time = deadline(checkTimeout(timeoutMs, "waitFor"));
    let result = await predicate();
    while (!result) {
      const left = time.left();
      if (left <= 0) break;
      await this.wait(left);
      result = await predicate();
    }
    return result;
  }

  /** Wakes up to `n` waiters (default 1). The lock must be held by this thread. */
  notify(n = 1): void {
    this.#checkHeld("notify");
    Atomics.add(this.#h, SEQ, 1);
    if (n > 0) wake(this.#h, SEQ, n);
  }

  /** Wakes every waiter. The lock must be held by this thread. */
  notifyAll(): void {
    this.notify(Number.POSITIVE_INFINITY);
  }

  #checkHeld(method: string): void {
    if (!this.#lock.isMine())
      throw new InvalidStateError(
        `Condition.${method}() needs its lock held by this thread: acquire() first`,
      );
  }

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return { [TALK_MARK]: "Condition", sab: this.#h.buffer, lock: this.#lock[TO_WIRE]() };
  }

  /** Its lock, if the dead thread held it. @internal */
  [RELEASE_FOR](agent: number): void {
    this.#lock[RELEASE_FOR](agent);
  }
}

sameAcrossCopies(Condition, "Condition");
