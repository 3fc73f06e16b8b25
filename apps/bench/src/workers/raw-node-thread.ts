// The raw thread floor on Node: a worker_threads worker that answers { id, a, b } with a + b,
// one message per call. No multiproc code on either side.
import { parentPort } from "node:worker_threads";
import type { RawCall } from "../contenders/pending.ts";

if (!parentPort) throw new Error("raw-node-thread runs as a worker_threads Worker");
const port = parentPort;
port.on("message", ({ id, a, b }: RawCall) => port.postMessage({ id, value: a + b }));
