// Runs inside each kind "process" worker (Bun.spawn with ipc): core's IPC entry does the work. It
// listens on this module's first turn, so what the parent sent before it ran is delivered to it
// (bun.test.ts: "many workers started at once all get their first message"): no hello is sent.
import { serveOverIpc } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";

serveOverIpc(process, { callContext: asyncCallContext });
