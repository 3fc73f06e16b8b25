// The parent's side of a thread worker's call mailbox (wire/mailbox.ts), for an adapter's
// WorkerHandle: small plain calls go in it once the worker's entry has offered it, the rest are
// posted and counted, so that the worker takes each in its place.
import { MailboxWriter } from "../wire/mailbox.ts";
import type { IsExotic } from "../wire/plain-codec.ts";
import type { ToWorker } from "../wire/protocol.ts";
import type { TransferItem } from "./adapter.ts";

/** A thread handle's mailbox for calls: `send()` puts a call there or posts it, `open()` on the entry's notice. */
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

  /**
   * Sends `message`: a lone call with plain arguments into the mailbox when it is open and empty,
   * anything else with `post` (the runtime's postMessage, which throws when it cannot clone),
   * counted once it has gone.
   */
  send(message: ToWorker, transfer: readonly TransferItem[] | undefined, post: () => void): void {
    const writer = this.#writer;
    if (writer && mailable(message, transfer) && writer.put(message)) return;
    post();
    if (writer) writer.posted();
    else this.#posted++;
  }

  /** See WorkerHandle.awake. */
  awake(): boolean {
    return this.#writer?.awake() === true;
  }
}

/** A lone call, nothing transferred, no Queue or Lock in it: the mailbox, if its arguments are plain. */
function mailable(message: ToWorker, transfer: readonly TransferItem[] | undefined): boolean {
  return message.t === "call" && !message.chunk && !message.live && !transfer?.length;
}
