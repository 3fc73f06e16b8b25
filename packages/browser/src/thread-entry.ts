// Runs in each kind "thread" worker (a module Web Worker). The build bundles it with core's worker
// side into one file: a Web Worker has no import map, so it could not resolve "@multiproc/core".
// A browser tells the page nothing when a worker closes itself or dies of an uncaught error: this
// entry says so first (a "closed" notice with the code), so the parent can reject the running task.
import { type FlushedServer, serveFlushed, type ToWorker, type WorkerNotice } from "@multiproc/core/worker";
import { importTaskModule } from "./import-task-module.ts";

type Closed = Extract<WorkerNotice, { t: "closed" }>;

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
};
const closeNow = scope.close.bind(scope);
let listener: ((message: ToWorker) => void) | undefined;
scope.onmessage = (event) => listener?.(event.data as ToWorker);

let isExiting: ((error: unknown) => boolean) | undefined;
/** The uncaught error ending this worker, for the parent. */
let fatalError: Closed["error"];
let closing = false;

/** Tells the parent how this worker ends, then closes it (close() returns: the caller goes on). */
function closeWith(code: number): void {
  if (closing) return;
  closing = true;
  scope.postMessage({ t: "closed", code, error: fatalError } satisfies Closed);
  closeNow();
}

const server: FlushedServer = serveFlushed(
  {
    // postMessage has handed the message over when it returns: it has left.
    send: (message, left) => {
      scope.postMessage(message);
      left();
    },
    onMessage: (l) => {
      listener = l;
    },
    exitNow: (code) => closeWith(code ?? 0),
    // close() returns, so a task's exit throws to stop the task: that throw is no crash.
    whileExiting: (test) => {
      isExiting = test;
    },
  },
  { importModule: importTaskModule },
);
// A task's self.close() ends this worker as process.exit(0) does elsewhere: the parent hears
// which calls were running first, and nothing of the task after it runs.
scope.close = () => server.exit(0);

// An error nothing caught ends the worker (code 1), as on Node: a browser would let the worker
// run on, half broken, and tell the page only through an event the pool cannot tie to a task.
const fatal = (event: Event, error: unknown): void => {
  if (isExiting?.(error)) {
    event.preventDefault();
    return;
  }
  event.preventDefault();
  fatalError ??=
    error instanceof Error
      ? { name: error.name, message: error.message }
      : { name: "Error", message: String(error) };
  try {
    server.exit(1); // the parent hears which calls were running, then the code and the error
  } catch {
    // exit() throws to stop a task; here there is no task to stop
  }
};
scope.addEventListener("error", (event) =>
  fatal(event, (event as ErrorEvent).error ?? (event as ErrorEvent).message),
);
scope.addEventListener("unhandledrejection", (event) =>
  fatal(event, (event as PromiseRejectionEvent).reason),
);
