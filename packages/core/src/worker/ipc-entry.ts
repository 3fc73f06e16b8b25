// The worker side of a process worker whose runtime speaks Node-style IPC (process.send with a
// callback, process.on("message")): Node's child_process.fork and Bun.spawn with ipc. The
// process object is passed in, so core itself touches no runtime.
import { HELLO, type ToWorker } from "../wire/protocol.ts";
import { serveFlushed } from "./serve-flushed.ts";
import type { ServeOptions } from "./task-server.ts";

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
  /** Send core's hello notice once the message listener is attached (for runtimes that drop early messages). */
  hello?: boolean | undefined;
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

  const server = serveFlushed(
    {
      // Serializes synchronously (a value that cannot be cloned throws here); the callback says it left.
      send: (message, left) => {
        send(message, undefined, undefined, left);
      },
      onMessage: (l) => {
        listener = l;
      },
      exitNow,
      // A task's exit thrown outside a task (a timer) must not crash the process with code 1
      // before its sends have left: the process is ending anyway, so nothing uncaught matters now.
      whileExiting: (isExiting) =>
        proc.on("uncaughtException", (error) => {
          if (!isExiting(error)) console.error(error);
        }),
    },
    options,
  );
  proc.exit = server.exit as IpcProcess["exit"];
  if (options.hello) send(HELLO, undefined, undefined, () => {});
}
