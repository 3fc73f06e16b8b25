// Runs in each kind "thread" worker (Bun's Web Worker): attaches its listener first, says hello,
// then hands core's task server the port.
import { HELLO, serveFlushed, type ToWorker } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
};
let listener: ((message: ToWorker) => void) | undefined;
scope.onmessage = (event) => listener?.(event.data as ToWorker);

const exitNow = process.exit.bind(process);
const server = serveFlushed(
  {
    // postMessage has handed the message over when it returns: it has left.
    send: (message, left) => {
      scope.postMessage(message);
      left();
    },
    onMessage: (l) => {
      listener = l;
    },
    exitNow,
  },
  { callContext: asyncCallContext },
);
// A task's own process.exit() ends this worker: the parent first hears which calls were running,
// so the calls sent ahead, which never started, run elsewhere instead of failing.
process.exit = server.exit;
scope.postMessage(HELLO);
