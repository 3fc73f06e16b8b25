// A thread's own exit, told to the parent as it happens: Bun's "close" event comes only once the
// worker's VM is torn down, about a millisecond later, and a Process's join() would wait for that.
// The notice is sent from the last "exit" listener, so the task module's own exit listeners have
// run by then, and it carries the code the worker ends with.

/** What a thread entry sends as it exits; not part of core's protocol. */
export interface ExitNotice {
  multiprocExit: number;
}

export function isExitNotice(message: unknown): message is ExitNotice {
  return typeof message === "object" && message !== null && "multiprocExit" in message;
}

/** Listens, from now on (after every listener already there), for this worker's exit, to tell it. */
export function tellExit(
  proc: { once(event: "exit", listener: (code: number) => void): unknown },
  post: (notice: ExitNotice) => void,
): void {
  proc.once("exit", (code) => post({ multiprocExit: code }));
}
