// V8's own view of the calling isolate (node:v8, on Node and Deno): committed memory by space,
// to see which space grew when heapTotal did, and heap snapshots, to see which objects did.
import * as v8 from "node:v8";

/** { new_space: bytes committed, old_space: …, … } for the spaces holding any memory; undefined on Bun. */
export function heapSpaces(): Record<string, number> | undefined {
  try {
    const out: Record<string, number> = {};
    for (const s of v8.getHeapSpaceStatistics()) {
      if (s.physical_space_size > 0) out[s.space_name] = s.physical_space_size;
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Writes a heap snapshot of the calling isolate to `file`; false where the runtime cannot. */
export function writeSnapshot(file: string): boolean {
  try {
    v8.writeHeapSnapshot(file);
    return true;
  } catch {
    return false;
  }
}
