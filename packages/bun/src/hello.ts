// Bun can drop a message sent before the other side attached its listener (bun#5460). So the
// process entry says hello once its listener is in place, and the parent holds what it sends
// until then. (Threads need none: a Web Worker delivers what came before it ran once its entry
// has run, to the listener the entry set synchronously.)
import type { TransferItem } from "@multiproc/core/adapter";

/** What a worker entry sends first; not part of core's protocol. */
export const HELLO = { multiprocHello: true } as const;

export function isHello(message: unknown): boolean {
  return typeof message === "object" && message !== null && "multiprocHello" in message;
}

/** Sends at once after hello, queues before it. */
export class HeldSends<T> {
  #held: [T, readonly TransferItem[] | undefined, (() => void) | undefined][] | undefined = [];

  constructor(
    private readonly sendNow: (
      message: T,
      transfer?: readonly TransferItem[],
      undelivered?: () => void,
    ) => void,
  ) {}

  send(message: T, transfer?: readonly TransferItem[], undelivered?: () => void): void {
    if (this.#held) {
      // Cloned now, with its transfer list, so a value that cannot be sent fails at the caller as
      // it would after hello, and a transferred buffer leaves the caller now, as it would then.
      // The list is cloned with the message, so the held copy transfers the copies it refers to.
      const held = structuredClone(
        { message, transfer },
        transfer ? { transfer: [...transfer] as never[] } : {},
      );
      this.#held.push([held.message, held.transfer, undelivered]);
    } else {
      this.sendNow(message, transfer, undelivered);
    }
  }

  /** The worker said hello: send what was held, in order. */
  open(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const [message, transfer, undelivered] of held) this.sendNow(message, transfer, undelivered);
  }
}
