// What the soak's raw workers are sent and answer: no multiproc code on either side, so the
// shape is the bench's own. A call is [id, op, a, b]; the answer is [id, value].
import { type HeapReading, probe } from "./probe.ts";

/** "add": a + b. "probe": a is the gc flag, b the snapshot file. */
export type RawCall =
  | [id: number, op: "add", a: number, b: number]
  | [id: number, op: "probe", gc: boolean, file?: string];
export type RawAnswer = [id: number, value: number | HeapReading];

/** The answer to one call, the same in a worker_threads worker and in a Web Worker. */
export function answer(call: RawCall): RawAnswer {
  return call[1] === "probe" ? [call[0], probe(call[2], call[3])] : [call[0], call[2] + call[3]];
}
