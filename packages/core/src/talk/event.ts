// Python's multiprocessing.Event: a shared flag that wait() waits for.
import { checkTimeout } from "./talk-options.ts";
import { noteTalker, Revive, sameAcrossCopies, TALK_MARK, TO_WIRE, type WireForm } from "./talker.ts";
import { deadline, waitChange, wake } from "./wait.ts";

const FLAG = 0;

/** Python's `multiprocessing.Event`: set(), clear(), isSet(), and wait() until it is set. */
export class Event {
  readonly #h: Int32Array;

  constructor(revive?: Revive) {
    this.#h = new Int32Array(
      revive instanceof Revive ? (revive.wire.sab as SharedArrayBuffer) : new SharedArrayBuffer(4),
    );
    noteTalker();
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "Event";
  }

  /** Whether the flag is set. */
  isSet(): boolean {
    return Atomics.load(this.#h, FLAG) === 1;
  }

  /** Sets the flag: every wait() resolves true. */
  set(): void {
    if (Atomics.exchange(this.#h, FLAG, 1) === 0) wake(this.#h, FLAG);
  }

  /** Clears the flag: wait() waits again. */
  clear(): void {
    Atomics.store(this.#h, FLAG, 0);
  }

  /** Resolves true once the flag is set, or false when `timeoutMs` passed first (no timeout: waits as long as it takes). */
  async wait(timeoutMs?: number): Promise<boolean> {
    const time = deadline(checkTimeout(timeoutMs, "wait"));
    for (;;) {
      if (this.isSet()) return true;
      const left = time.left();
      if (left <= 0) return false;
      await waitChange(this.#h, FLAG, 0, left);
    }
  }

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return { [TALK_MARK]: "Event", sab: this.#h.buffer };
  }
}

sameAcrossCopies(Event, "Event");
