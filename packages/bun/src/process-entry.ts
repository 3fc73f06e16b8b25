// Runs inside each kind "process" worker (Bun.spawn with ipc): core's IPC entry does the work,
// saying hello once it listens (see hello.ts).
import { serveOverIpc } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";

serveOverIpc(process, { hello: true, callContext: asyncCallContext });
