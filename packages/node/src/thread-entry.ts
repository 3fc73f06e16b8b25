// Runs inside each kind "thread" worker: hands core's task server the parent port. The build
// bundles this file with core's worker side into one (see package.json "multiproc.bundle"): a
// fresh worker loads one module, not a dozen.
import { parentPort } from "node:worker_threads";
import { serveFlushed, type ToWorker } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";
import { tellExit } from "./exit-notice.ts";
import { importTaskModule } from "./import-task-module.ts";

const port = parentPort;
if (!port) throw new Error("thread-entry must run in a worker thread");

// process.exit in a worker ends only this thread, even if a task left timers behind. The parent
// hears of it as it happens (see exit-notice.ts).
const exit = process.exit.bind(process);
const exitNow = (code?: number) => {
  tellExit((notice) => port.postMessage(notice));
  if (code === undefined) exit();
  else exit(code);
};
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
