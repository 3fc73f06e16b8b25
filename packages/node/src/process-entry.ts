// Runs in each kind "process" worker: hands core's task server the IPC channel.
import type { FromWorker, ToWorker } from "@multiproc/core";
import { serveTasks } from "@multiproc/core/task-server";
import { importTaskModule } from "./import-task-module.ts";

const send = process.send?.bind(process);
if (!send) throw new Error("process-entry must be started by child_process.fork");
if (process.argv[2]) process.title = process.argv[2];
const exitNow = process.exit.bind(process);

// An orphaned worker has no one to answer: end with the parent.
process.on("disconnect", () => exitNow(0));

// IPC sends are asynchronous: a process that exits right after one loses it. So every exit, ours
// or a task's own process.exit(), waits until each send's callback has come.
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

const server = serveTasks(
  {
    send: (message: FromWorker) => {
      unsent++;
      // Serializes synchronously (a value that cannot be cloned throws here); the callback says it left.
      send(message, undefined, undefined, () => {
        unsent--;
        exitWhenFlushed();
      });
    },
    onMessage: (listener) => process.on("message", (m) => listener(m as ToWorker)),
    close: () => process.exit(0),
  },
  { importModule: importTaskModule },
);
