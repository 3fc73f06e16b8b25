// Runs in each kind "thread" worker (Bun's Web Worker): attaches its listener first, then hands
// core's task server the port. A message the parent sent before the worker ran is delivered once
// this module has run, to the listener set here: so no hello (nor for processes). Its own
// exit is told as it happens (see exit-notice.ts). Small calls come through a mailbox, which the
// worker watches a moment after answering a call marked `spin` (core's wire/mailbox.ts).
import { type CallInbox, offerMailboxes, serveFlushed, type ToWorker } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";
import { tellExit } from "./exit-notice.ts";

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  addEventListener(type: "messageerror", listener: () => void): void;
};
let listener: ((message: ToWorker) => void) | undefined;
let inbox: CallInbox | undefined;
const deliver = (message: ToWorker) => listener?.(message);
scope.onmessage = (event) => {
  if (inbox) inbox.received(event.data as ToWorker);
  else deliver(event.data as ToWorker);
};
scope.addEventListener("messageerror", () => inbox?.lost());

const exit = process.exit.bind(process);
const exitNow = (code?: number) => {
  tellExit(process, (notice) => scope.postMessage(notice));
  if (code === undefined) exit();
  else exit(code);
};
const server = serveFlushed(
  {
    // postMessage has handed the message over when it returns: it has left.
    send: (message, left) => {
      scope.postMessage(message);
      left();
    },
    onMessage: (l) => {
      listener = l;
      // Answers are posted: the parent sleeps in its event loop either way, and waking it costs the same.
      inbox = offerMailboxes(
        (notice) => scope.postMessage(notice),
        deliver,
        () => server.idle(),
      )?.inbox;
    },
    exitNow,
  },
  { callContext: asyncCallContext },
);
// A task's own process.exit() ends this worker: the parent first hears which calls were running,
// so the calls sent ahead, which never started, run elsewhere instead of failing.
process.exit = server.exit;
