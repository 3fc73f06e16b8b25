// Runs inside each kind "thread" worker: hands core's task server the parent port, and a mailbox
// small calls come through (core's wire/mailbox.ts), which the thread watches a moment after
// answering a call marked `spin`. The build bundles this file with core's worker side into one (see
// package.json "multiproc.bundle"): a fresh worker loads one module, not a dozen.
import { parentPort } from "node:worker_threads";
import { offerMailboxes, serveFlushed, type ToWorker } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";
import { tellExit } from "./exit-notice.ts";
import { importTaskModule } from "./import-task-module.ts";
import { takeInitArg } from "./init-arg.ts";

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
let listener: ((message: ToWorker) => void) | undefined;
const server = serveFlushed(
  {
    // postMessage has handed the message over when it returns: it has left.
    send: (message, left) => {
      port.postMessage(message);
      left();
    },
    onMessage: (l) => {
      listener = l;
      // Answers are posted: the parent sleeps in its event loop either way, and waking it costs the same.
      const inbox = offerMailboxes(
        (notice) => port.postMessage(notice),
        l,
        () => server.idle(),
      )?.inbox;
      if (!inbox) {
        port.on("message", (m: ToWorker) => l(m));
        return;
      }
      port.on("message", (m: ToWorker) => inbox.received(m));
      port.on("messageerror", () => inbox.lost());
    },
    exitNow,
  },
  { importModule: importTaskModule, callContext: asyncCallContext },
);
// The init message, when the parent handed it over at start (init-arg.ts): taken now, before any
// message posted, and not counted among them (the mailbox counts posted messages).
const init = takeInitArg(process.argv);
if (init) listener?.(init);
// A task's own process.exit() ends this thread: the parent first hears which calls were running,
// so the calls sent ahead, which never started, run elsewhere instead of failing.
process.exit = server.exit;
