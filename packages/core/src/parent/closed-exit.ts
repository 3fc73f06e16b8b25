// A thread entry that ends itself tells its parent with a "closed" notice (protocol.ts), for the
// runtimes that do not report a worker's own exit, or report it without its code. Every thread
// adapter turns that notice into the same WorkerExit, here.
import type { ClosedNotice } from "../wire/protocol.ts";
import type { WorkerExit } from "./adapter.ts";

/** The exit a worker's "closed" notice tells: its code, and the uncaught error that ended it, if any. */
export function exitFromClosed(notice: ClosedNotice): WorkerExit {
  const cause = notice.error;
  if (cause === undefined) return { code: notice.code, signal: null };
  const error = Object.assign(new Error(cause.message), { name: cause.name });
  return { code: notice.code, signal: null, error };
}
