// Runs inside each kind "thread" worker: hands core's task server the parent port.
import { parentPort } from "node:worker_threads";
import { serveTasks, type ToWorker } from "@multiproc/core/worker";
import { importTaskModule } from "./import-task-module.ts";

const port = parentPort;
if (!port) throw new Error("thread-entry must run in a worker thread");

// A task's own process.exit() ends this thread: first tell the parent which calls were running,
// so the calls sent ahead, which never started, run elsewhere instead of failing.
const exitNow = process.exit.bind(process);
process.exit = ((code?: number) => {
  server.halt();
  exitNow(code);
}) as typeof process.exit;

const server = serveTasks(
  {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => port.on("message", (m: ToWorker) => listener(m)),
    // process.exit in a worker ends only this thread, even if the task left timers behind.
    close: () => exitNow(0),
  },
  { importModule: importTaskModule },
);
