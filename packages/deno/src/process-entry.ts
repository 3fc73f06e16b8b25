// Runs in each kind "process" worker (a `deno run` subprocess): frames on stdin and stdout carry
// the protocol; core's task server does the rest.
import { serveTasks, type ToWorker } from "@multiproc/core/worker";
import { encodeFrame, FrameReader, writeAllToStdout } from "./frames.ts";

let listener: ((message: ToWorker) => void) | undefined;
const reader = new FrameReader((message) => listener?.(message as ToWorker));

// A task's own exit ends this process: first tell the parent which calls were running, so the
// calls sent ahead, which never started, run elsewhere instead of failing.
const exitNow = Deno.exit.bind(Deno);
const exit = (code?: number): never => {
  server.halt();
  return exitNow(code);
};
Deno.exit = exit;
const nodeProcess = (globalThis as { process?: { exit: (code?: number) => never } }).process;
if (nodeProcess) nodeProcess.exit = exit;

const server = serveTasks({
  // Synchronous, so no console.log from a task can land in the middle of a frame.
  send: (message) => writeAllToStdout(encodeFrame(message)),
  onMessage: (l) => {
    listener = l;
  },
  // Writes are synchronous: everything sent has reached the pipe, nothing is lost at exit.
  close: () => exitNow(0),
});

// The parent closing our stdin means it is gone: end with it.
for await (const chunk of Deno.stdin.readable) reader.push(chunk);
exitNow(0);
