// One small message at a time through shared memory instead of postMessage, for a Deno thread and
// its parent. On Deno a posted message costs its receiver an async op, a deserialization and a
// MessageEvent dispatched through EventTarget, and its sender an op that wakes the other thread:
// most of a round trip. A plain call or answer (see plain-codec.ts) goes instead in a mailbox
// the receiver waits on with Atomics.waitAsync. While the mailbox holds a message not yet taken,
// the next one is posted as usual.
//
// Order: a message in the mailbox comes after every message posted before it, and before every
// one posted after it. The mailbox carries how many messages its writer had posted when it was
// filled; the reader takes it only once it has received that many, and before the next one.
import { decodePlain, encodePlain, type IsExotic } from "./plain-codec.ts";

/** Int32 words of the header: the fill count the reader waits on, whether full, the stamp. */
const SEQ = 0;
const FULL = 1;
const POSTED = 2;
/** Where the message's bytes start. */
const PAYLOAD = 16;
/** A mailbox's size: messages longer than this are posted (big ones clone faster natively). */
export const MAILBOX_BYTES = 2048;

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
  }

  /** Counts a message posted (once it has gone: one that failed to clone is not counted). */
  posted(): void {
    this.#posted++;
  }

  /** Puts `message` in the mailbox and wakes the reader; false when it must be posted instead. */
  put(message: object): boolean {
    const words = this.#words;
    if (Atomics.load(words, FULL) !== 0) return false; // the last one is not taken yet
    if (encodePlain(message, this.#view, PAYLOAD, this.#view.byteLength, this.#exotic) < 0) return false;
    words[POSTED] = this.#posted | 0; // modulo 2^32, as the reader compares it
    Atomics.store(words, FULL, 1); // publishes the bytes written above
    Atomics.add(words, SEQ, 1);
    Atomics.notify(words, SEQ);
    return true;
  }
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

  /** `receivedSoFar`: the messages this side had received when it got the mailbox. */
  constructor(buffer: SharedArrayBuffer, receivedSoFar: number, deliver: (message: M) => void) {
    this.#words = new Int32Array(buffer, 0, PAYLOAD / 4);
    this.#view = new DataView(buffer);
    this.#received = receivedSoFar;
    this.#deliver = deliver;
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
  #take(anyway: boolean): void {
    const words = this.#words;
    if (this.#closed || Atomics.load(words, FULL) === 0) return;
    if (!anyway && (((words[POSTED] as number) - this.#received) | 0) > 0) return;
    const message = decodePlain(this.#view, PAYLOAD) as M;
    Atomics.store(words, FULL, 0);
    this.#deliver(message);
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
    this.#take(false);
  };
}
