// The worker side of a process worker whose runtime speaks Node-style IPC (process.send with a
// callback, process.on("message")): Node's child_process.fork and Bun.spawn with ipc. The
// process object is passed in, so core itself touches no runtime.
import type { ToWorker } from "./protocol.ts";
import { type ServeOptions, serveTasks } from "./task-server.ts";

export interface IpcProcess {
  send?: (
    message: unknown,
    handle: undefined,
    options: undefined,
    callback: (error: Error | null) => void,
  ) => boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
  on(event: "disconnect", listener: () => void): unknown;
  exit(code?: number): never;
}

export interface IpcServeOptions extends ServeOptions {
  /** Sent first, once the message listener is attached (for runtimes that drop early messages). */
  hello?: unknown;
}

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
  const exitWhenFlushed = () => {
    if (exitCode !== undefined && unsent === 0) exitNow(exitCode);
  };
  proc.exit = ((code?: number) => {
    server.halt(); // start nothing more: this process is ending
    exitCode ??= code ?? 0;
    exitWhenFlushed();
  }) as IpcProcess["exit"];

  const server = serveTasks(
    {
      send: (message) => {
        unsent++;
        // Serializes synchronously (a value that cannot be cloned throws here); the callback says it left.
        send(message, undefined, undefined, () => {
          unsent--;
          exitWhenFlushed();
        });
      },
      onMessage: (l) => {
        listener = l;
      },
      close: () => proc.exit(0),
    },
    options,
  );
  if (options.hello !== undefined) send(options.hello, undefined, undefined, () => {});
}
