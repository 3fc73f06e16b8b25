// Bun can drop a message sent before the other side attached its listener (bun#5460). So the
// process entry sends core's hello notice once its listener is in place, and the parent holds what
// it sends until then. (Threads need none: a Web Worker delivers what came before it ran once its
// entry has run, to the listener the entry set synchronously.)
import type { ToWorker, TransferItem } from "@multiproc/core/adapter";

/** Sends at once after hello, queues before it. */
export class HeldSends {
  #held: [ToWorker, readonly TransferItem[] | undefined][] | undefined = [];

  constructor(private readonly sendNow: (message: ToWorker, transfer?: readonly TransferItem[]) => void) {}

  send(message: ToWorker, transfer?: readonly TransferItem[]): void {
    if (this.#held) {
      // Cloned now, with its transfer list, so a value that cannot be sent fails at the caller as
      // it would after hello, and a transferred buffer leaves the caller now, as it would then.
      // The list is cloned with the message, so the held copy transfers the copies it refers to.
      const held = structuredClone(
        { message, transfer },
        transfer ? { transfer: [...transfer] as never[] } : {},
      );
      this.#held.push([held.message, held.transfer]);
    } else {
      this.sendNow(message, transfer);
    }
  }

  /** The worker said hello: send what was held, in order. */
  open(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const [message, transfer] of held) this.sendNow(message, transfer);
  }
}
