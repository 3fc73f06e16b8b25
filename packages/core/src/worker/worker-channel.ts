// The one thing a task server needs from its runtime: a way to talk to the parent.
import type { FromWorker, ToWorker } from "../wire/protocol.ts";

/** The worker's side of its messaging, as the adapter's worker entry builds it from its runtime. */
export interface WorkerChannel {
  /** Sends to the parent. Throws synchronously when the message cannot be cloned. */
  send(message: FromWorker): void;
  /** Registers the one listener for what the parent sends. */
  onMessage(listener: (message: ToWorker) => void): void;
  /** Ends this worker once what was sent has left (the adapter waits for its runtime's flush). */
  close(): void;
}
