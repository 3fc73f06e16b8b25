// serveTasks() over any transport, with exits that lose nothing: a send may leave the worker
// later than it is made (Node-style IPC is asynchronous), and a worker that exits before its
// sends have left loses them (Node; Bun, bun#37849). So every exit, the worker's own or a task's
// process.exit(), waits until each send has left; and no line of a task after its exit runs.
import type { FromWorker, ToWorker } from "../wire/protocol.ts";
import { type ServeOptions, serveTasks } from "./task-server.ts";

/** How a worker entry talks to its parent, for serveFlushed(). */
export interface FlushingTransport {
  /**
   * Sends to the parent and calls `left` once the message has left this worker (at once for a
   * synchronous write). Throws synchronously, sending nothing, when it cannot be cloned.
   */
  send(message: FromWorker, left: () => void): void;
  /** Listens for what the parent sends. */
  onMessage(listener: (message: ToWorker) => void): void;
  /**
   * Ends the worker now: the runtime's own exit, saved before it was replaced. Called with the
   * code the task passed, or with no argument at all when it passed none, so the runtime uses
   * the code the program set (`process.exitCode`; Node counts even an explicit undefined as one).
   */
  exitNow(code?: number): void;
  /**
   * Called once, when a task's exit has to wait for sends and throws to stop the task: the entry
   * makes such a throw harmless if nothing catches it (`isExiting` tells it from other errors).
   */
  whileExiting?(isExiting: (error: unknown) => boolean): void;
}

/** What serveFlushed() gives the entry: the exit its runtime's exit functions become. */
export interface FlushedServer {
  /**
   * For `process.exit`, `Deno.exit`, …: the task server starts nothing more, and the worker ends
   * once everything sent has left. It never returns: while sends are pending it throws, so the
   * rest of the task does not run.
   */
  exit(code?: number): never;
  /** See TaskServer.idle. */
  idle(): boolean;
}

/** Thrown by a task's exit while sends are pending; ends the task, the worker ends right after. */
class WorkerExiting extends Error {
  constructor() {
    super("the worker is exiting");
    this.name = "WorkerExiting";
  }
}

/** Serves the task module over `transport`; every exit waits until what was sent has left. */
export function serveFlushed(
  transport: FlushingTransport,
  options: Omit<ServeOptions, "sendsPending"> = {},
): FlushedServer {
  let unsent = 0;
  /** Of those, the answers (all but progress reports): a call starts only once none is left inside. */
  let unsentAnswers = 0;
  // Set once an exit was asked for, with its code (undefined: the runtime's own, process.exitCode).
  let exit: { code: number | undefined } | undefined;
  let waitingToExit = false;
  const exitWhenFlushed = (code: number | undefined) => {
    exit ??= { code };
    if (unsent === 0) {
      if (exit.code === undefined) transport.exitNow();
      else transport.exitNow(exit.code);
    }
  };

  // One callback for every kind of send, made once: they run for each task's answer on the hot path.
  const left = () => {
    unsent--;
    if (exit) exitWhenFlushed(exit.code);
  };
  const answerLeft = () => {
    unsentAnswers--;
    left();
    if (!exit && unsentAnswers === 0) server.sendsLeft();
  };
  const server = serveTasks(
    {
      send: (message) => {
        // A progress report lost with the worker costs nothing: only answers hold calls back.
        const answer = message.t !== "progress";
        unsent++;
        if (answer) unsentAnswers++;
        try {
          transport.send(message, answer ? answerLeft : left);
        } catch (error) {
          unsent--; // nothing was sent, so there is nothing to wait for
          if (answer) unsentAnswers--;
          throw error;
        }
      },
      onMessage: (listener) => transport.onMessage(listener),
      close: () => exitWhenFlushed(0),
    },
    // A call starts only once every answer before it has left: see ServeOptions.sendsPending.
    { ...options, sendsPending: () => unsentAnswers > 0 },
  );

  return {
    idle: () => !exit && server.idle(),
    exit: (code?: number): never => {
      server.halt(); // start nothing more: this worker is ending
      exitWhenFlushed(code);
      // Still here: a send has not left yet (or the runtime's exit returns, as a Deno thread's
      // does). No line of the task after its exit may run, so throw.
      if (!waitingToExit) {
        waitingToExit = true;
        transport.whileExiting?.((error) => error instanceof WorkerExiting);
      }
      throw new WorkerExiting();
    },
  };
}
