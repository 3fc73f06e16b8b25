// Runs inside each kind "process" worker (child_process.fork): core's IPC entry does the work.
import { serveOverIpc } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";
import { importTaskModule } from "./import-task-module.ts";

if (process.argv[2]) process.title = process.argv[2];
serveOverIpc(process, { importModule: importTaskModule, callContext: asyncCallContext });
