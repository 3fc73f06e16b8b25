// What every worker answers when asked about its own isolate, which the parent cannot see:
// its heap, after a full collection when `gc`, and a heap snapshot when given a file.
import { collectGarbage, usage } from "./memory.ts";
import { writeSnapshot } from "./v8-heap.ts";

/** A worker's heap, in bytes, and whether the collection and the snapshot asked for happened. */
export interface HeapReading {
  heapUsed: number;
  heapTotal: number;
  external: number;
  collected: boolean;
  snapshot: boolean;
}

export function probe(gc: boolean, snapshotFile?: string): HeapReading {
  const collected = gc ? collectGarbage() : false;
  const snapshot = snapshotFile ? writeSnapshot(snapshotFile) : false;
  const { heapUsed, heapTotal, external } = usage();
  return { heapUsed, heapTotal, external, collected, snapshot };
}
