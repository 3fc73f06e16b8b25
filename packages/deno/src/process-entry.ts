// Runs in each kind "process" worker (a `deno run` subprocess): frames on stdin and stdout carry
// the protocol; core's task server does the rest.
import { serveFlushed, type ToWorker } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";
import { encodeFrame, frameReader, writeAllToStdout } from "./frames.ts";

let listener: ((message: ToWorker) => void) | undefined;
const reader = frameReader((message) => listener?.(message as ToWorker));

const exitNow = Deno.exit.bind(Deno);
const server = serveFlushed(
  {
    // A synchronous write: no console.log from a task can land in the middle of a frame, and the
    // frame has reached the pipe when it returns, so nothing is lost at exit.
    send: (message, left) => {
      writeAllToStdout(encodeFrame(message));
      left();
    },
    onMessage: (l) => {
      listener = l;
    },
    exitNow,
  },
  { callContext: asyncCallContext },
);
// A task's own exit ends this process: the parent first hears which calls were running, so the
// calls sent ahead, which never started, run elsewhere instead of failing.
Deno.exit = server.exit;
const nodeProcess = (globalThis as { process?: { exit: (code?: number) => never } }).process;
if (nodeProcess) nodeProcess.exit = server.exit;

// The parent closing our stdin means it is gone: end with it.
for await (const chunk of Deno.stdin.readable) reader.push(chunk);
exitNow(0);
