// Runs inside each kind "thread" worker: hands core's task server the parent port.
import { parentPort } from "node:worker_threads";
import type { ToWorker } from "@multiproc/core";
import { serveTasks } from "@multiproc/core/task-server";
import { importTaskModule } from "./import-task-module.ts";

const port = parentPort;
if (!port) throw new Error("thread-entry must run in a worker thread");

serveTasks(
  {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => port.on("message", (m: ToWorker) => listener(m)),
    // process.exit in a worker ends only this thread, even if the task left timers behind.
    close: () => process.exit(0),
  },
  { importModule: importTaskModule },
);
