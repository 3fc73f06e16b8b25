// Runs inside each kind "process" worker: hands core's task server the IPC channel.
import type { FromWorker, ToWorker } from "@multiproc/core";
import { serveTasks } from "@multiproc/core/task-server";
import { importTaskModule } from "./import-task-module.ts";

const send = process.send?.bind(process);
if (!send) throw new Error("process-entry must be started by child_process.fork");
if (process.argv[2]) process.title = process.argv[2];

// An orphaned worker has no one to answer: end with the parent.
process.on("disconnect", () => process.exit(0));

let unsent = 0;
let closing = false;
const exitWhenFlushed = () => {
  if (closing && unsent === 0) process.exit(0);
};

serveTasks(
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
    close: () => {
      closing = true;
      exitWhenFlushed();
    },
  },
  { importModule: importTaskModule },
);
