// A thread's own exit, told to the parent as it happens: Bun's "close" event comes only once the
// worker's VM is torn down, about a millisecond later, and a Process's join() would wait for that.
// The notice (core's "closed") is sent from the last "exit" listener, so the task module's own
// exit listeners have run by then, and it carries the code the worker ends with.
import type { ClosedNotice } from "@multiproc/core/worker";

/** Listens, from now on (after every listener already there), for this worker's exit, to tell it. */
export function tellExit(
  proc: { once(event: "exit", listener: (code: number) => void): unknown },
  post: (notice: ClosedNotice) => void,
): void {
  proc.once("exit", (code) => post({ t: "closed", code }));
}
