// What every worker answers when asked about its own isolate, which the parent cannot see:
// its heap, after a full collection when `gc`, and a heap snapshot when given a file.
import { collectGarbage, usage } from "./memory.mjs";
import { writeSnapshot } from "./v8-heap.mjs";

export function probe(gc, snapshotFile) {
  const collected = gc ? collectGarbage() : false;
  const snapshot = snapshotFile ? writeSnapshot(snapshotFile) : false;
  const { heapUsed, heapTotal, external } = usage();
  return { heapUsed, heapTotal, external, collected, snapshot };
}
