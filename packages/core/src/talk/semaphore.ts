// Python's multiprocessing.Semaphore and BoundedSemaphore over a shared counter. A thread that
// dies holding units does not give them back (as in Python): the counter does not know who took them.
import { InvalidArgumentError } from "../parent/errors.ts";
import { TooManyReleasesError } from "./talk-errors.ts";
import { type BlockOptions, waitBudget } from "./talk-options.ts";
import { noteTalker, Revive, sameAcrossCopies, TALK_MARK, TO_WIRE, type WireForm } from "./talker.ts";
import { deadline, waitChange, wake } from "./wait.ts";

const VALUE = 0;
const WAITERS = 1;
const BOUND = 2; // BoundedSemaphore: the value release() may not pass (-1: none)

const TRUE = Promise.resolve(true);

/** Python's `multiprocessing.Semaphore(value)`: acquire() takes a unit (waiting while none is left), release() gives one. */
export class Semaphore {
  /** The shared counter words. @internal */
  readonly h: Int32Array;

  constructor(value: number | Revive = 1) {
    if (value instanceof Revive) this.h = new Int32Array(value.wire.sab as SharedArrayBuffer);
    else {
      if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff)
        throw new InvalidArgumentError(
          `a semaphore's value must be a whole number ≥ 0, got ${String(value)}`,
        );
      this.h = new Int32Array(new SharedArrayBuffer(12));
      this.h[VALUE] = value;
      this.h[BOUND] = this.bounded ? value : -1;
    }
    noteTalker();
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "Semaphore";
  }

  /** Whether release() is bounded by the initial value. */
  protected get bounded(): boolean {
    return false;
  }

  /** Takes a unit: true once taken, false when `block` is false or `timeout` ms passed first. */
  acquire(options?: BlockOptions): Promise<boolean> {
    if (this.#tryTake()) return TRUE;
    const budget = waitBudget(options, "acquire");
    return budget === 0 ? Promise.resolve(false) : this.#wait(budget);
  }

  #tryTake(): boolean {
    const h = this.h;
    for (;;) {
      const v = Atomics.load(h, VALUE);
      if (v <= 0) return false;
      if (Atomics.compareExchange(h, VALUE, v, v - 1) === v) return true;
    }
  }

  async #wait(budget: number): Promise<boolean> {
    const time = deadline(budget);
    const h = this.h;
    for (;;) {
      if (this.#tryTake()) return true;
      const left = time.left();
      if (left <= 0) return false;
      Atomics.add(h, WAITERS, 1);
      await waitChange(h, VALUE, 0, left);
      Atomics.sub(h, WAITERS, 1);
    }
  }

  /** Gives a unit back; a BoundedSemaphore past its initial value throws TooManyReleasesError. */
  release(): void {
    const h = this.h;
    const bound = Atomics.load(h, BOUND);
    for (;;) {
      const v = Atomics.load(h, VALUE);
      if (bound >= 0 && v >= bound)
        throw new TooManyReleasesError(`release() past the semaphore's initial value, ${bound}`);
      if (Atomics.compareExchange(h, VALUE, v, v + 1) === v) break;
    }
    if (Atomics.load(h, WAITERS) > 0) wake(h, VALUE, 1);
  }

  /** The units left now: Python's `get_value()`. */
  getValue(): number {
    return Atomics.load(this.h, VALUE);
  }

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return { [TALK_MARK]: this[Symbol.toStringTag], sab: this.h.buffer };
  }
}

/** Python's `multiprocessing.BoundedSemaphore(value)`: releasing past the initial value throws TooManyReleasesError. */
export class BoundedSemaphore extends Semaphore {
  /** The class name, as `Object.prototype.toString` shows it. */
  override get [Symbol.toStringTag](): string {
    return "BoundedSemaphore";
  }

  protected override get bounded(): boolean {
    return true;
  }
}

sameAcrossCopies(Semaphore, "Semaphore");
sameAcrossCopies(BoundedSemaphore, "BoundedSemaphore");
