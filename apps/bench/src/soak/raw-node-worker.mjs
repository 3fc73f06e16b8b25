// The raw floor on Node: a worker_threads worker that adds what it is sent, one message per task,
// and answers the heap probe. No multiproc code runs on either side.
import { parentPort } from "node:worker_threads";
import { probe } from "./probe.mjs";

parentPort.on("message", ([id, op, a, b]) => {
  parentPort.postMessage([id, op === "probe" ? probe(a, b) : a + b]);
});
