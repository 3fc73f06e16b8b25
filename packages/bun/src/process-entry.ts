// Runs in each kind "process" worker (started by Bun.spawn with an IPC channel): attaches its
// listener first, says hello, then hands core's task server the channel.
import type { FromWorker, ToWorker } from "@multiproc/core";
import { serveTasks } from "@multiproc/core/task-server";
import { HELLO } from "./hello.ts";

const send = process.send?.bind(process);
if (!send) throw new Error("process-entry must be started by Bun.spawn with ipc");
const exitNow = process.exit.bind(process);

let listener: ((message: ToWorker) => void) | undefined;
process.on("message", (message) => listener?.(message as ToWorker));
// An orphaned worker has no one to answer: end with the parent.
process.on("disconnect", () => exitNow(0));

// Bun drops a message sent just before the process exits (bun#37849): every exit, ours or a
// task's own process.exit(), waits until each send's callback has come.
let unsent = 0;
let exitCode: number | undefined;
const exitWhenFlushed = () => {
  if (exitCode !== undefined && unsent === 0) exitNow(exitCode);
};
process.exit = ((code?: number) => {
  server.halt(); // start nothing more: this process is ending
  exitCode ??= code ?? 0;
  exitWhenFlushed();
}) as typeof process.exit;

const server = serveTasks({
  send: (message: FromWorker) => {
    unsent++;
    send(message, undefined, undefined, () => {
      unsent--;
      exitWhenFlushed();
    });
  },
  onMessage: (l) => {
    listener = l;
  },
  close: () => process.exit(0),
});
send(HELLO);
