// The worker's side of its call mailbox (wire/mailbox.ts), for an adapter's thread entry: offers
// the parent the shared memory, then hands over calls from it in their place among the posted
// messages, and spins on it a moment once it has answered a call marked `spin` (Call.spin) and
// has nothing left to run.
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
 * see its thread entry). `later` puts a spin on the event loop as a task of its own (default:
 * setImmediate, else setTimeout). Undefined where shared memory cannot be had or sent: then
 * everything is posted, straight to `deliver`.
 */
export function offerMailboxes(
  post: (notice: WorkerNotice) => void,
  deliver: (message: ToWorker) => void,
  idle: () => boolean,
  answers = false,
  later: (run: () => void) => void = runLater,
): OfferedMailboxes | undefined {
  if (!mailboxesWork()) return undefined;
  const toWorker = new SharedArrayBuffer(MAILBOX_BYTES);
  const fromWorker = answers ? new SharedArrayBuffer(MAILBOX_BYTES) : undefined;
  try {
    post({ t: "mailboxes", toWorker, fromWorker });
  } catch {
    return undefined; // shared memory cannot be sent here
  }
  // Spin only after a call marked for it: the parent marks a lone call when no other is about, so
  // the next likely comes through the mailbox. After a chunk, a batch, or calls from several
  // callers at once, a spin would only take CPU from the parent (on 2 cores, 4 callers awaiting
  // 500 calls each took twice as long with workers spinning).
  let spinAfter = false;
  const take = (message: ToWorker) => {
    spinAfter = message.t === "call" && message.spin === true;
    deliver(message);
  };
  const reader = new MailboxReader<ToWorker>(toWorker, 0, take, {
    ms: SPIN_MS,
    idle: () => spinAfter && idle(),
    later,
  });
  return {
    inbox: {
      received: (message) => reader.received(() => take(message)),
      lost: () => reader.received(() => {}),
    },
    fromWorker,
  };
}

/** The runtime's setImmediate, looked up at first use (see runLater); null where there is none. */
let immediate: ((run: () => void) => void) | null | undefined;

/**
 * A task of its own on the event loop: setImmediate where the runtime has it (Node, Deno, Bun),
 * else setTimeout. Looked up once, at first use, not at load: on Deno the first touch of a Node
 * global loads its Node layer (Deno's thread entry passes its own, see offerMailboxes).
 */
function runLater(run: () => void): void {
  if (immediate === undefined) {
    const found = (globalThis as { setImmediate?: (run: () => void) => void }).setImmediate;
    immediate = typeof found === "function" ? found : null;
  }
  if (immediate) immediate(run);
  else setTimeout(run, 0);
}
