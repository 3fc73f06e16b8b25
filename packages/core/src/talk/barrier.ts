// Python's multiprocessing.Barrier over shared counters: `parties` callers of wait() meet, then
// all go on. Each round is a generation; a round that breaks (abort, reset, a timeout, the
// action throwing) moves the generation on without marking it released, so its waiters throw.
import { InvalidArgumentError } from "../parent/errors.ts";
import { freeMutexOf, lockMutex, unlockMutex } from "./spin-mutex.ts";
import { BrokenBarrierError } from "./talk-errors.ts";
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
import { deadline, waitChange, wake, watchChange } from "./wait.ts";

const MUTEX = 0; // and its sleepers at 1
const PARTIES = 2;
const COUNT = 3; // callers waiting in this generation
const GEN = 4; // the generation: moves on when a round ends, released or broken
const RELEASED = 5; // the last generation released (not broken)
const BROKEN = 6; // 1 while broken, until reset()
const ACTION_ASKED = 7; // +1 when the last party of a round is in another thread: the maker runs the action

/** Options of `new Barrier(parties, …)`. */
export interface BarrierOptions {
  /** Run once per round by the thread that made the barrier, when the last party arrives, before any goes on. */
  action?: (() => unknown) | undefined;
  /** The default timeout of wait(), in ms. */
  timeout?: number | undefined;
}

/** Python's `multiprocessing.Barrier(parties, action, timeout)`. */
export class Barrier {
  readonly #h: Int32Array;
  readonly #action: (() => unknown) | undefined;
  readonly #hasAction: boolean;
  readonly #timeout: number | undefined;

  constructor(parties: number | Revive, options: BarrierOptions = {}) {
    if (parties instanceof Revive) {
      this.#h = new Int32Array(parties.wire.sab as SharedArrayBuffer);
      this.#hasAction = parties.wire.action === true;
      this.#timeout = parties.wire.timeout as number | undefined;
    } else {
      if (!Number.isInteger(parties) || parties < 1)
        throw new InvalidArgumentError(
          `a Barrier needs a whole number of parties ≥ 1, got ${String(parties)}`,
        );
      if (options.action !== undefined && typeof options.action !== "function")
        throw new InvalidArgumentError("a Barrier's action must be a function");
      this.#h = new Int32Array(new SharedArrayBuffer(32));
      this.#h[PARTIES] = parties;
      this.#h[RELEASED] = -1;
      this.#action = options.action;
      this.#hasAction = options.action !== undefined;
      this.#timeout = options.timeout === undefined ? undefined : checkTimeout(options.timeout, "Barrier");
      if (this.#action) void this.#serveAction();
    }
    noteTalker();
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "Barrier";
  }

  /** Callers needed to pass. */
  get parties(): number {
    return this.#h[PARTIES] as number;
  }

  /** Callers waiting now. */
  get nWaiting(): number {
    return Atomics.load(this.#h, COUNT);
  }

  /** Whether the barrier is broken (until reset()). */
  get broken(): boolean {
    return Atomics.load(this.#h, BROKEN) === 1;
  }

  /**
   * Waits until `parties` callers wait, then resolves with this caller's arrival index (0 … parties-1).
   * Rejects with BrokenBarrierError when the barrier is or becomes broken, or after `timeoutMs`
   * (which breaks it, as in Python).
   */
  async wait(timeoutMs?: number): Promise<number> {
    const h = this.#h;
    const time = deadline(checkTimeout(timeoutMs ?? this.#timeout, "wait"));
    lockMutex(h, MUTEX);
    if (h[BROKEN] === 1) {
      unlockMutex(h, MUTEX);
      throw new BrokenBarrierError();
    }
    const index = h[COUNT] as number;
    const gen = h[GEN] as number;
    h[COUNT] = index + 1;
    const last = index + 1 === h[PARTIES];
    unlockMutex(h, MUTEX);
    if (last) {
      if (!this.#hasAction) this.#release(gen);
      else if (this.#action) {
        const failed = this.#runAction(gen);
        if (failed) throw failed.error; // as in Python: the caller that ran the action gets its error
      } else {
        Atomics.add(h, ACTION_ASKED, 1);
        wake(h, ACTION_ASKED);
      }
    }
    for (;;) {
      if (Atomics.load(h, GEN) !== gen) break;
      const left = time.left();
      if (left <= 0) {
        this.#break(gen);
        break;
      }
      await waitChange(h, GEN, gen, left);
    }
    if (Atomics.load(h, RELEASED) !== gen) throw new BrokenBarrierError();
    return index;
  }

  /** Breaks the barrier: every wait() now and later rejects with BrokenBarrierError, until reset(). */
  abort(): void {
    const h = this.#h;
    lockMutex(h, MUTEX);
    h[BROKEN] = 1;
    h[COUNT] = 0;
    Atomics.add(h, GEN, 1);
    unlockMutex(h, MUTEX);
    wake(h, GEN);
  }

  /** Back to empty: callers waiting now reject with BrokenBarrierError, later ones wait anew. */
  reset(): void {
    const h = this.#h;
    lockMutex(h, MUTEX);
    h[BROKEN] = 0;
    h[COUNT] = 0;
    Atomics.add(h, GEN, 1);
    unlockMutex(h, MUTEX);
    wake(h, GEN);
  }

  #release(gen: number): void {
    const h = this.#h;
    lockMutex(h, MUTEX);
    if (h[GEN] === gen) {
      h[COUNT] = 0;
      h[RELEASED] = gen;
      Atomics.add(h, GEN, 1);
    }
    unlockMutex(h, MUTEX);
    wake(h, GEN);
  }

  #break(gen: number): void {
    const h = this.#h;
    lockMutex(h, MUTEX);
    if (h[GEN] === gen) {
      h[BROKEN] = 1;
      h[COUNT] = 0;
      Atomics.add(h, GEN, 1);
    }
    unlockMutex(h, MUTEX);
    wake(h, GEN);
  }

  /** In the maker's thread: the action, then the round goes on; if it throws, the round breaks. */
  #runAction(gen: number): { error: unknown } | undefined {
    try {
      (this.#action as () => unknown)();
    } catch (error) {
      this.#break(gen);
      return { error };
    }
    this.#release(gen);
    return undefined;
  }

  /** In the maker's thread, for as long as the barrier lives: runs the action a round's last party asks for. */
  async #serveAction(): Promise<void> {
    const h = this.#h;
    let seen = Atomics.load(h, ACTION_ASKED);
    for (;;) {
      await watchChange(h, ACTION_ASKED, seen);
      const now = Atomics.load(h, ACTION_ASKED);
      for (; seen !== now; seen++) {
        const failed = this.#runAction(Atomics.load(h, GEN));
        // Its caller is in another thread: the error is told here, where the action ran.
        if (failed)
          console.error("multiproc: a Barrier's action threw; the barrier is broken:", failed.error);
      }
    }
  }

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return { [TALK_MARK]: "Barrier", sab: this.#h.buffer, action: this.#hasAction, timeout: this.#timeout };
  }

  /** Frees what a dead worker held in it. @internal */
  [RELEASE_FOR](agent: number): void {
    freeMutexOf(this.#h, MUTEX, agent);
  }
}

sameAcrossCopies(Barrier, "Barrier");
