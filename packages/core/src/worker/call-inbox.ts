// The worker's side of its call mailbox (wire/mailbox.ts), for an adapter's thread entry: offers
// the parent the shared memory, then hands over calls from it in their place among the posted
// messages, and spins on it a moment once a lone call is answered and nothing is left to run.
import { MAILBOX_BYTES, MailboxReader, mailboxesWork, SPIN_MS } from "../wire/mailbox.ts";
import type { ToWorker, WorkerNotice } from "../wire/protocol.ts";

/** Where a thread entry's posted messages go once the mailboxes are offered. */
export interface CallInbox {
  /** A message posted to the worker: handed over in its place among the mailbox's. */
  received(message: ToWorker): void;
  /** A posted message that failed to arrive (messageerror): counted all the same, as the parent counted it. */
  lost(): void;
}

/** A thread entry's mailboxes, once the parent has been told of them. */
export interface OfferedMailboxes {
  /** Where the entry hands every message posted to the worker. */
  inbox: CallInbox;
  /** Where answers may go, when asked for (see offerMailboxes). */
  fromWorker: SharedArrayBuffer | undefined;
}

/**
 * Makes the mailboxes and tells the parent of them with `post` (the first message the worker
 * posts). `deliver` takes every message, posted or not; `idle` says when the task server has
 * nothing to run (see TaskServer.idle). With `answers`, a second mailbox for answers too (Deno:
 * see its thread entry). Undefined where shared memory cannot be had or sent: then everything is
 * posted, straight to `deliver`.
 */
export function offerMailboxes(
  post: (notice: WorkerNotice) => void,
  deliver: (message: ToWorker) => void,
  idle: () => boolean,
  answers = false,
): OfferedMailboxes | undefined {
  if (!mailboxesWork()) return undefined;
  const toWorker = new SharedArrayBuffer(MAILBOX_BYTES);
  const fromWorker = answers ? new SharedArrayBuffer(MAILBOX_BYTES) : undefined;
  try {
    post({ t: "mailboxes", toWorker, fromWorker });
  } catch {
    return undefined; // shared memory cannot be sent here
  }
  // Spin only after a lone call: the next one may then come through the mailbox. After a chunk
  // or a batch of calls the next comes posted anyway, and a spin would only take CPU from the
  // parent while it packs and sends it (a map on 2 cores lost up to a quarter of its speed).
  let lone = false;
  const take = (message: ToWorker) => {
    lone = message.t === "call" && message.chunk === undefined;
    deliver(message);
  };
  const reader = new MailboxReader<ToWorker>(toWorker, 0, take, { ms: SPIN_MS, idle: () => lone && idle() });
  return {
    inbox: {
      received: (message) => reader.received(() => take(message)),
      lost: () => reader.received(() => {}),
    },
    fromWorker,
  };
}
