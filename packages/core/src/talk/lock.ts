// Python's multiprocessing.Lock and RLock over one shared Int32 each: the owner's agent id (0:
// free). acquire() takes a free lock at once, with no promise to wait for beyond the one it
// returns; a held one is waited for with Atomics.waitAsync, so the thread goes on meanwhile.

import { agentId } from "./agent.ts";
import { TooManyReleasesError } from "./talk-errors.ts";
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

const OWNER = 0;
const WAITERS = 1;
const DEPTH = 2; // RLock: how many times its owner holds it

const TRUE = Promise.resolve(true);

/** What Lock and RLock share: the shared word, waiting for it, and the wire form. */
abstract class SharedLock {
  /** The owner word, its sleepers and (RLock) depth. @internal */
  readonly h: Int32Array;

  constructor(from: Revive | undefined) {
    this.h = new Int32Array(from ? (from.wire.sab as SharedArrayBuffer) : new SharedArrayBuffer(12));
    noteTalker();
  }

  abstract get [Symbol.toStringTag](): string;

  /**
   * Takes the lock: resolves true once taken, or false when `block` is false or `timeout` ms
   * passed first. Never rejects for a busy lock.
   */
  acquire(options?: BlockOptions): Promise<boolean> {
    if (this.tryTake()) return TRUE;
    const budget = waitBudget(options, "acquire");
    return budget === 0 ? Promise.resolve(false) : this.#wait(budget);
  }

  async #wait(budget: number): Promise<boolean> {
    const time = deadline(budget);
    const h = this.h;
    for (;;) {
      const owner = Atomics.load(h, OWNER);
      // Free, but taken before this take: look again. Asleep on "free", this waiter would miss
      // the wake-up of the thread that just took it, if it let go before the sleep began.
      if (owner === 0) {
        if (this.tryTake()) return true;
        continue;
      }
      const left = time.left();
      if (left <= 0) return false;
      Atomics.add(h, WAITERS, 1);
      await waitChange(h, OWNER, owner, left);
      Atomics.sub(h, WAITERS, 1);
    }
  }

  /** Lets the lock go; throws TooManyReleasesError when it is not held. */
  abstract release(): void;

  /** @internal Takes the lock if it can now. */
  protected abstract tryTake(): boolean;

  /** Frees the word and wakes one waiter, if any. */
  protected free(): void {
    Atomics.store(this.h, OWNER, 0);
    if (Atomics.load(this.h, WAITERS) > 0) wake(this.h, OWNER, 1);
  }

  /** Whether this thread holds the lock (for a Condition: concurrent callers in one thread are one owner). */
  isMine(): boolean {
    return Atomics.load(this.h, OWNER) === agentId();
  }

  /** Whether anyone holds it now. */
  locked(): boolean {
    return Atomics.load(this.h, OWNER) !== 0;
  }

  /** @internal Lets go every level this thread holds, for Condition.wait(); restore() takes them back. */
  abstract releaseAll(): number;

  /** @internal Takes the lock back at the depth releaseAll() gave. */
  async restore(depth: number): Promise<void> {
    await this.acquire();
    if (depth > 1) Atomics.store(this.h, DEPTH, depth);
  }

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return { [TALK_MARK]: this[Symbol.toStringTag], sab: this.h.buffer };
  }

  /** A lock held by a thread that died is let go. @internal */
  [RELEASE_FOR](agent: number): void {
    if (Atomics.load(this.h, OWNER) !== agent) return;
    Atomics.store(this.h, DEPTH, 0);
    if (Atomics.compareExchange(this.h, OWNER, agent, 0) === agent) wake(this.h, OWNER, 1);
  }
}

/**
 * Python's `multiprocessing.Lock`: held by one thread at a time, and by one caller at a time
 * within it. Any thread may release it (as Python allows); releasing it when free throws
 * TooManyReleasesError. `await lock.acquire(); try { … } finally { lock.release(); }`
 */
export class Lock extends SharedLock {
  constructor(revive?: Revive) {
    super(revive instanceof Revive ? revive : undefined);
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "Lock";
  }

  protected tryTake(): boolean {
    return Atomics.compareExchange(this.h, OWNER, 0, agentId()) === 0;
  }

  release(): void {
    if (Atomics.load(this.h, OWNER) === 0)
      throw new TooManyReleasesError("release() of a Lock that is not held");
    this.free();
  }

  releaseAll(): number {
    this.release();
    return 1;
  }
}

/**
 * Python's `multiprocessing.RLock`: its owner, the thread (or process) that took it, may take it
 * again, and must release it as many times. Callers that run concurrently in one thread (async
 * functions) share that thread's identity, so an RLock does not exclude them from one another:
 * use a Lock for that.
 */
export class RLock extends SharedLock {
  constructor(revive?: Revive) {
    super(revive instanceof Revive ? revive : undefined);
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "RLock";
  }

  protected tryTake(): boolean {
    const me = agentId();
    const h = this.h;
    if (Atomics.load(h, OWNER) === me) {
      Atomics.add(h, DEPTH, 1);
      return true;
    }
    if (Atomics.compareExchange(h, OWNER, 0, me) !== 0) return false;
    Atomics.store(h, DEPTH, 1);
    return true;
  }

  release(): void {
    const h = this.h;
    if (Atomics.load(h, OWNER) !== agentId())
      throw new TooManyReleasesError("release() of an RLock this thread does not hold");
    if (Atomics.sub(h, DEPTH, 1) === 1) this.free();
  }

  releaseAll(): number {
    if (!this.isMine()) throw new TooManyReleasesError("release() of an RLock this thread does not hold");
    const depth = Atomics.exchange(this.h, DEPTH, 0);
    this.free();
    return depth;
  }
}

sameAcrossCopies(Lock, "Lock");
sameAcrossCopies(RLock, "RLock");
