// The raw floor on Node: a worker_threads worker that adds what it is sent, one message per task,
// and answers the heap probe. No multiproc code runs on either side.
import { parentPort } from "node:worker_threads";
import { answer, type RawCall } from "./raw-message.ts";

if (!parentPort) throw new Error("raw-node-worker runs as a worker_threads Worker");
const port = parentPort;
port.on("message", (call: RawCall) => port.postMessage(answer(call)));
