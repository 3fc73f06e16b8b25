// Runs inside each kind "thread" worker: hands core's task server the parent port.
import { parentPort, workerData } from "node:worker_threads";
import type * as CoreWorker from "@multiproc/core/worker";
import type { ToWorker } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";
import { importTaskModule } from "./import-task-module.ts";

// Core's worker side by the URL the parent resolved (see thread-worker.ts): resolving the
// package here would cost this worker's start-up about a millisecond more.
const { serveFlushed }: typeof CoreWorker = await import(
  (workerData as { core?: string } | null)?.core ?? "@multiproc/core/worker"
);

const port = parentPort;
if (!port) throw new Error("thread-entry must run in a worker thread");

// process.exit in a worker ends only this thread, even if a task left timers behind.
const exitNow = process.exit.bind(process);
const server = serveFlushed(
  {
    // postMessage has handed the message over when it returns: it has left.
    send: (message, left) => {
      port.postMessage(message);
      left();
    },
    onMessage: (listener) => port.on("message", (m: ToWorker) => listener(m)),
    exitNow,
  },
  { importModule: importTaskModule, callContext: asyncCallContext },
);
// A task's own process.exit() ends this thread: the parent first hears which calls were running,
// so the calls sent ahead, which never started, run elsewhere instead of failing.
process.exit = server.exit;
