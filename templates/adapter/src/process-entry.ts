// Kind "process", the worker's side: runs in each child started by child_process.fork. Node's
// IPC (process.send with a callback) is what core's serveOverIpc speaks, so this is all it takes.
// A runtime with only a byte stream (stdin/stdout) frames its messages instead: see encodeFrame
// and FrameReader in @multiproc/core/worker.
import { serveOverIpc } from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";

if (process.argv[2]) process.title = process.argv[2]; // the worker's name, in process lists
serveOverIpc(process, { callContext: asyncCallContext });
