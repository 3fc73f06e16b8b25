// The worker side of a process worker whose runtime speaks Node-style IPC (process.send with a
// callback, process.on("message")): Node's child_process.fork and Bun.spawn with ipc. The
// process object is passed in, so core itself touches no runtime.
import type { ToWorker } from "./protocol.ts";
import { type ServeOptions, serveTasks } from "./task-server.ts";

/** The part of a runtime's `process` object that serveOverIpc() uses. */
export interface IpcProcess {
  /** Sends on the IPC channel; the callback runs once the message has left. Absent without a channel. */
  send?: (
    message: unknown,
    handle: undefined,
    options: undefined,
    callback: (error: Error | null) => void,
  ) => boolean;
  /** Listens for what the parent sends. */
  on(event: "message", listener: (message: unknown) => void): unknown;
  /** Listens for the channel closing (the parent is gone). */
  on(event: "disconnect", listener: () => void): unknown;
  /** Listens for errors nothing caught. */
  on(event: "uncaughtException", listener: (error: unknown) => void): unknown;
  /** Ends the process; serveOverIpc() replaces it with one that first lets pending sends leave. */
  exit(code?: number): never;
}

/** Options of serveOverIpc(): those of serveTasks(), and a first message for runtimes that need one. */
export interface IpcServeOptions extends ServeOptions {
  /** Sent first, once the message listener is attached (for runtimes that drop early messages). */
  hello?: unknown;
}

/**
 * Thrown by a task's `process.exit()` while messages it sent have not left yet: it stops the
 * rest of the task, and the process ends as soon as they have (with the code the task gave).
 */
class WorkerExiting extends Error {
  constructor(readonly code: number) {
    super(`the worker is exiting with code ${code}`);
    this.name = "WorkerExiting";
  }
}

/** Serves the task module over the process's IPC channel; every exit waits until what was sent has left. */
export function serveOverIpc(proc: IpcProcess, options: IpcServeOptions = {}): void {
  const send = proc.send?.bind(proc);
  if (!send) throw new Error("this worker entry must be started with an IPC channel");
  const exitNow = proc.exit.bind(proc);

  let listener: ((message: ToWorker) => void) | undefined;
  proc.on("message", (message) => listener?.(message as ToWorker));
  // An orphaned worker has no one to answer: end with the parent.
  proc.on("disconnect", () => exitNow(0));

  // IPC sends are asynchronous: a process that exits right after one loses it (Node; Bun,
  // bun#37849). So every exit, ours or a task's own process.exit(), waits for each send's callback.
  let unsent = 0;
  let exitCode: number | undefined;
  let exiting = false;
  const exitWhenFlushed = (code: number) => {
    exitCode ??= code;
    if (unsent === 0) exitNow(exitCode);
  };
  proc.exit = ((code?: number) => {
    server.halt(); // start nothing more: this process is ending
    exitWhenFlushed(code ?? 0);
    // Still here: a send has not left yet. No line of the task after process.exit() may run,
    // so throw. Thrown outside a task (a timer), it must not crash the process with code 1
    // before the sends have left: the process is ending anyway, so nothing uncaught matters now.
    if (!exiting) {
      exiting = true;
      proc.on("uncaughtException", (error) => {
        if (!(error instanceof WorkerExiting)) console.error(error);
      });
    }
    throw new WorkerExiting(exitCode ?? 0);
  }) as IpcProcess["exit"];

  const server = serveTasks(
    {
      send: (message) => {
        unsent++;
        try {
          // Serializes synchronously (a value that cannot be cloned throws here); the callback says it left.
          send(message, undefined, undefined, () => {
            unsent--;
            if (exitCode !== undefined) exitWhenFlushed(exitCode);
          });
        } catch (error) {
          unsent--; // nothing was sent, so there is nothing to wait for
          throw error;
        }
      },
      onMessage: (l) => {
        listener = l;
      },
      close: () => exitWhenFlushed(0),
    },
    options,
  );
  if (options.hello !== undefined) send(options.hello, undefined, undefined, () => {});
}
