// Runs in each kind "process" worker (a `deno run` subprocess): frames on stdin and stdout carry
// the protocol; core's task server does the rest.
import type { ToWorker } from "@multiproc/core";
import { serveTasks } from "@multiproc/core/task-server";
import { encodeFrame, FrameReader } from "./frames.ts";

function writeAll(bytes: Uint8Array): void {
  // Synchronous, so no console.log from a task can land in the middle of a frame.
  for (let written = 0; written < bytes.length; ) written += Deno.stdout.writeSync(bytes.subarray(written));
}

let listener: ((message: ToWorker) => void) | undefined;
const reader = new FrameReader((message) => listener?.(message as ToWorker));

serveTasks({
  send: (message) => writeAll(encodeFrame(message)),
  onMessage: (l) => {
    listener = l;
  },
  // Writes are synchronous: everything sent has reached the pipe, nothing is lost at exit.
  close: () => Deno.exit(0),
});

// The parent closing our stdin means it is gone: end with it.
for await (const chunk of Deno.stdin.readable) reader.push(chunk);
Deno.exit(0);
