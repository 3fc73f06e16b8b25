// The raw floor on Deno and Bun: a Web Worker that adds what it is sent, one message per task,
// and answers the heap probe. No multiproc code runs on either side.
import { probe } from "./probe.mjs";

self.onmessage = (event) => {
  const [id, op, a, b] = event.data;
  self.postMessage([id, op === "probe" ? probe(a, b) : a + b]);
};
