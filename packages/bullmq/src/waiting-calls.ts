// The driver's calls no agent has taken yet: how many (stats().queued), and the "drain" when the
// last of those that waited is taken.
import type { EngineObserver } from "@multiproc/core/adapter";

export class WaitingCalls {
  readonly #observer: () => EngineObserver | undefined;
  #count = 0;
  /** Calls have waited since the queue was last empty: its emptying is a "drain". */
  #held = false;

  /** `observer` gives the Pool's observer, once it asked (Engine.observe). */
  constructor(observer: () => EngineObserver | undefined) {
    this.#observer = observer;
  }

  /** Calls no agent has taken yet. */
  get count(): number {
    return this.#count;
  }

  /** A call was submitted: it waits until an agent takes it. */
  added(): void {
    this.#count++;
    this.#held = true;
  }

  /** A call left the queue: an agent took it, or it settled before any did. */
  left(): void {
    if (--this.#count > 0 || !this.#held) return;
    this.#held = false;
    this.#observer()?.drained();
  }
}
