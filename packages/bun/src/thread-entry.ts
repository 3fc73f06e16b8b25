// Runs in each kind "thread" worker (Bun's Web Worker): attaches its listener first, says hello,
// then hands core's task server the port.
import { serveTasks, type ToWorker } from "@multiproc/core/worker";
import { HELLO } from "./hello.ts";

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
};
let listener: ((message: ToWorker) => void) | undefined;
scope.onmessage = (event) => listener?.(event.data as ToWorker);

// A task's own process.exit() ends this worker: first tell the parent which calls were running,
// so the calls sent ahead, which never started, run elsewhere instead of failing.
const exitNow = process.exit.bind(process);
process.exit = ((code?: number) => {
  server.halt();
  exitNow(code);
}) as typeof process.exit;

const server = serveTasks({
  send: (message) => scope.postMessage(message),
  onMessage: (l) => {
    listener = l;
  },
  close: () => exitNow(0),
});
scope.postMessage(HELLO);
