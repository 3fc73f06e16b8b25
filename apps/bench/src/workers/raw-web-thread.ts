// The raw thread floor on Deno and Bun: a Web Worker that answers { id, a, b } with a + b, one
// message per call. No multiproc code on either side.
import type { RawCall } from "../contenders/pending.ts";

// A Web Worker's global scope, as far as it is used (the DOM lib types `self` as a window).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RawCall>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = ({ data: { id, a, b } }) => scope.postMessage({ id, value: a + b });
