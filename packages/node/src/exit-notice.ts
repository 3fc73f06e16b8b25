// A thread's own exit, told to the parent as it happens: the Worker's "exit" event comes only
// once the thread's environment is torn down, a millisecond or two later, and a Process's join()
// would wait for that. The notice (core's "closed") is sent from the last "exit" listener, so the
// task module's own exit listeners have run by then, and it carries the code the thread ends with.
import type { ClosedNotice } from "@multiproc/core/worker";

/** Listens, from now on (after every listener already there), for this thread's exit, to tell it. */
export function tellExit(post: (notice: ClosedNotice) => void): void {
  // As the Worker's exit code has it: Node 20 hands the listener process.exit("2")'s "2" as it
  // came, and ends the thread with the code as a 32-bit integer.
  process.once("exit", (code: number | string) => post({ t: "closed", code: Number(code) | 0 }));
}
