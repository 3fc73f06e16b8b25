// Kind "thread", the worker's side: runs inside each worker thread and hands core's task server
// the thread's port to its parent. Core does the rest (import the task module, answer calls).
import { parentPort } from "node:worker_threads";
import { serveFlushed, type ToWorker } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";

const port = parentPort;
if (!port) throw new Error("thread-entry must run in a worker thread");

const server = serveFlushed(
  {
    // postMessage has handed the message over when it returns: it has left at once.
    send: (message, left) => {
      port.postMessage(message);
      left();
    },
    onMessage: (listener) => port.on("message", (message: ToWorker) => listener(message)),
    // The runtime's own exit, saved before it is replaced below. In a thread it ends the thread.
    exitNow: process.exit.bind(process),
  },
  { callContext: asyncCallContext },
);
// A task's process.exit() goes through core first: the parent hears which calls were running
// (those sent ahead run elsewhere), then the thread ends and no line after the exit runs.
process.exit = server.exit;
