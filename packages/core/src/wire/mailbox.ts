// One small message at a time through shared memory instead of postMessage, between a thread
// worker and its parent. A posted message costs its sender a system call that wakes the other
// thread, and on Deno its receiver an async op, a deserialization and a MessageEvent dispatched
// through EventTarget: most of a round trip. A plain call or answer (see plain-codec.ts) goes
// instead in a mailbox the receiver waits on with Atomics.waitAsync. While the mailbox holds a
// message not yet taken, the next one is posted as usual.
//
// A worker's reader may also spin a short while once it has answered a call whose caller seems to
// await each answer (see SpinOptions): the next call put in the mailbox then starts at once, with
// no wake-up on either side. Waking a sleeping thread is most of a round trip on a VM (about 16 µs
// here, and 8 µs more in the sender's post).
//
// Order: a message in the mailbox comes after every message posted before it, and before every
// one posted after it. The mailbox carries how many messages its writer had posted when it was
// filled; the reader takes it only once it has received that many, and before the next one.
import { decodePlain, encodePlain, type IsExotic } from "./plain-codec.ts";

/**
 * Int32 words of the header: the fill count the reader waits on, whether full, the stamp, whether
 * the reader spins, and how many messages the writer has posted in all (a spinning reader stops
 * as soon as one is on its way by postMessage: it comes first, and only the event loop brings it).
 */
const SEQ = 0;
const FULL = 1;
const POSTED = 2;
const SPINNING = 3;
const SENT = 4;
/** Where the message's bytes start. */
const PAYLOAD = 24;
/** A mailbox's size: messages longer than this are posted (big ones clone faster natively). */
export const MAILBOX_BYTES = 2048;

/**
 * How long a worker's reader spins after an answer, in ms. A call that comes within it starts at
 * once; here the next call of a caller awaiting each answer comes 20 to 30 µs after the answer
 * leaves. Longer only burns more CPU for calls that come later anyway.
 */
export const SPIN_MS = 0.05;

/**
 * Spins skipped after one that caught nothing: the caller is then slower than a spin (its own
 * work, a garbage collection), and spinning on would only take CPU that it and the rest of the
 * machine need. (On this 2-core VM the skips changed neither the median round trip nor its p99
 * beyond the noise; they bound what spins cost a caller that calls seldom.)
 */
const SKIP_AFTER_MISS = 8;

/** Whether this runtime has what a mailbox needs. */
export const mailboxesWork = (): boolean =>
  typeof SharedArrayBuffer === "function" && typeof Atomics.waitAsync === "function";

/** The sending side: fills the mailbox, and counts the messages it posts besides. */
export class MailboxWriter {
  readonly #words: Int32Array;
  readonly #view: DataView;
  #posted: number;
  readonly #exotic: IsExotic;

  /**
   * `postedSoFar`: the messages this side had posted before it got the mailbox. `exotic` tells the
   * objects that must be posted though they look plain (see plain-codec.ts).
   */
  constructor(buffer: SharedArrayBuffer, postedSoFar: number, exotic: IsExotic) {
    this.#words = new Int32Array(buffer, 0, PAYLOAD / 4);
    this.#view = new DataView(buffer);
    this.#posted = postedSoFar;
    this.#exotic = exotic;
    Atomics.store(this.#words, SENT, postedSoFar | 0);
  }

  /** Counts a message posted (once it has gone: one that failed to clone is not counted). */
  posted(): void {
    this.#posted++;
    Atomics.store(this.#words, SENT, this.#posted | 0);
  }

  /** Whether the reader is spinning with the mailbox empty: a message put now starts at once. */
  awake(): boolean {
    const words = this.#words;
    return Atomics.load(words, SPINNING) === 1 && Atomics.load(words, FULL) === 0;
  }

  /** Puts `message` in the mailbox and wakes the reader; false when it must be posted instead. */
  put(message: object): boolean {
    const words = this.#words;
    if (Atomics.load(words, FULL) !== 0) return false; // the last one is not taken yet
    if (encodePlain(message, this.#view, PAYLOAD, this.#view.byteLength, this.#exotic) < 0) return false;
    words[POSTED] = this.#posted | 0; // modulo 2^32, as the reader compares it
    Atomics.store(words, FULL, 1); // publishes the bytes written above
    Atomics.add(words, SEQ, 1);
    // A spinning reader sees it without a wake-up, which would cost a system call here. Read after
    // FULL is set, as the reader clears SPINNING before it looks at FULL once more: one of the two
    // sees the other's write, so the message is never left unseen.
    if (Atomics.load(words, SPINNING) === 0) Atomics.notify(words, SEQ);
    return true;
  }
}

/** How a worker's reader spins once it has nothing left to run. */
export interface SpinOptions {
  /** How long one spin lasts, in ms. */
  ms: number;
  /** Whether to spin now: the task server has nothing to run, and the call it answered asked for it. */
  idle: () => boolean;
  /**
   * Runs `spin` as a task of its own on the event loop (setImmediate, or the entry's own: see
   * offerMailboxes). Each spin starts from the event loop and runs at most one call: what the
   * last call left to do (its promise callbacks, process.nextTick, timers due) runs before the
   * next call starts, as it would if that call had been posted.
   */
  later: (spin: () => void) => void;
}

/** The receiving side: takes messages out in order with those posted. */
export class MailboxReader<M> {
  readonly #words: Int32Array;
  readonly #view: DataView;
  readonly #deliver: (message: M) => void;
  /** Messages received by postMessage so far. */
  #received: number;
  #seq = 0;
  #closed = false;
  readonly #spin: SpinOptions | undefined;
  /** A spin is on the event loop, not run yet. */
  #spinQueued = false;
  /** Spins still to skip after one that caught nothing (see SKIP_AFTER_MISS). */
  #skip = 0;

  /**
   * `receivedSoFar`: the messages this side had received when it got the mailbox. `spin`: a
   * worker's reader only (the parent's thread is the program's own, never spun).
   */
  constructor(
    buffer: SharedArrayBuffer,
    receivedSoFar: number,
    deliver: (message: M) => void,
    spin?: SpinOptions,
  ) {
    this.#words = new Int32Array(buffer, 0, PAYLOAD / 4);
    this.#view = new DataView(buffer);
    this.#received = receivedSoFar;
    this.#deliver = deliver;
    this.#spin = spin;
    this.#wait();
  }

  /**
   * Handles a message received by postMessage (`handle`), in its place among the mailbox's: a
   * message put in the mailbox before it was posted is taken first, one put right after it next.
   * Counted whatever `handle` or a delivery throws, or the counts of the two sides would part.
   */
  received(handle: () => void): void {
    try {
      this.#take(false);
    } finally {
      try {
        handle();
      } finally {
        this.#received++;
        this.#take(false);
      }
    }
    this.#spinSoon();
  }

  /** The other side has ended: a message still in the mailbox was its last; stop waiting. */
  close(): void {
    if (this.#closed) return;
    this.#take(true);
    this.stop();
  }

  /**
   * Takes nothing more, not even a message in the mailbox now: the other side was ended on purpose
   * (terminate), and what it put there after that must not count (a Deno thread stuck in a loop
   * runs on after terminate(), deno#35657, and may still answer).
   */
  stop(): void {
    this.#closed = true;
    Atomics.notify(this.#words, SEQ); // ends the pending wait
  }

  /**
   * Hands over the message in the mailbox if every message posted before it has been received
   * (or `anyway`). The counts are compared modulo 2^32: the stamp is an Int32 word.
   */
  #take(anyway: boolean): boolean {
    const words = this.#words;
    if (this.#closed || Atomics.load(words, FULL) === 0) return false;
    if (!anyway && (((words[POSTED] as number) - this.#received) | 0) > 0) return false;
    const message = decodePlain(this.#view, PAYLOAD) as M;
    Atomics.store(words, FULL, 0);
    this.#deliver(message);
    return true;
  }

  #wait(): void {
    const result = Atomics.waitAsync(this.#words, SEQ, this.#seq);
    if (result.async) void result.value.then(this.#woken);
    else queueMicrotask(this.#woken);
  }

  readonly #woken = (): void => {
    if (this.#closed) return;
    this.#seq = Atomics.load(this.#words, SEQ);
    this.#wait(); // first: whatever the delivery does, the next message is still waited for
    if (this.#take(false)) this.#spinSoon();
  };

  /** Puts a spin on the event loop if one is due (see SpinOptions) and none is there yet. */
  #spinSoon(): void {
    const spin = this.#spin;
    if (!spin || this.#spinQueued || this.#closed || !spin.idle()) return;
    if (this.#skip > 0) {
      this.#skip--;
      return;
    }
    this.#spinQueued = true;
    spin.later(this.#spinOnce);
  }

  /**
   * Watches the mailbox for SpinOptions.ms and runs the first call that comes, then goes back to
   * the event loop (the next spin goes there if the task server is then idle: not after an async
   * call, whose answer comes later). It stops at once for a message posted meanwhile: that one
   * comes first, and only the event loop brings it.
   */
  readonly #spinOnce = (): void => {
    this.#spinQueued = false;
    const spin = this.#spin as SpinOptions;
    if (this.#closed || !spin.idle()) return;
    const words = this.#words;
    let ran = false;
    let took = false;
    let timedOut = false;
    Atomics.store(words, SPINNING, 1);
    try {
      const until = performance.now() + spin.ms;
      while (!this.#closed && Atomics.load(words, SENT) === (this.#received | 0)) {
        if (Atomics.load(words, FULL) !== 0) {
          // Run while still marked spinning: its answer can reach the parent before this
          // returns, and the next call then goes to this worker with no wake-up.
          ran = true;
          took = this.#take(false);
          break;
        }
        if (performance.now() >= until) {
          timedOut = true;
          break;
        }
      }
    } finally {
      Atomics.store(words, SPINNING, 0);
      // A call put while the last one ran was seen spinning too, so its writer woke nobody: wake
      // this reader for it (a task of its own, like any wake-up), as no spin may follow. Read
      // after SPINNING is cleared, as the writer reads SPINNING after filling: one sees the other.
      if (ran && Atomics.load(words, FULL) !== 0) Atomics.notify(words, SEQ);
    }
    // One put as the spin ended (seen spinning: no wake-up came), or one put before the message
    // posted that the loop stopped for (taken now if that one has been received; else after it).
    if (!ran) took = this.#take(false);
    if (took) this.#spinSoon();
    else if (timedOut) this.#skip = SKIP_AFTER_MISS;
  };
}
