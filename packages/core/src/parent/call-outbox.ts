// The parent's side of a thread worker's call mailbox (wire/mailbox.ts), for an adapter's
// WorkerHandle: small plain calls go in it once the worker's entry has offered it, the rest are
// posted and counted, so that the worker takes each in its place.
import { MailboxWriter, mailableCall } from "../wire/mailbox.ts";
import type { IsExotic } from "../wire/plain-codec.ts";
import type { ToWorker } from "../wire/protocol.ts";
import type { TransferItem } from "./adapter.ts";

/** A thread handle's mailbox for calls: `put()` first, else post the call and count it with `posted()`. */
export class CallOutbox {
  #writer: MailboxWriter | undefined;
  /** Messages posted before the mailbox came. */
  #posted = 0;
  readonly #exotic: IsExotic;

  /** `exotic` tells objects that look plain but that structured clone refuses (a Proxy): posted. */
  constructor(exotic: IsExotic) {
    this.#exotic = exotic;
  }

  /** The entry's "mailboxes" notice came with this buffer: small calls may go in from now on. */
  open(toWorker: SharedArrayBuffer): void {
    this.#writer = new MailboxWriter(toWorker, this.#posted, this.#exotic);
  }

  /** Puts a lone call with plain arguments in the mailbox; false when it must be posted (then call posted()). */
  put(message: ToWorker, transfer: readonly TransferItem[] | undefined): boolean {
    const writer = this.#writer;
    return writer !== undefined && mailableCall(message, transfer) && writer.put(message);
  }

  /** Counts a message posted (once it has gone: one that failed to clone is not). */
  posted(): void {
    if (this.#writer) this.#writer.posted();
    else this.#posted++;
  }

  /** See WorkerHandle.awake. */
  awake(): boolean {
    return this.#writer?.awake() === true;
  }
}
