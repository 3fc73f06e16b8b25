// The raw floor on Deno and Bun: a Web Worker that adds what it is sent, one message per task,
// and answers the heap probe. No multiproc code runs on either side.
import { answer, type RawCall } from "./raw-message.ts";

// A Web Worker's global scope, as far as it is used (the DOM lib types `self` as a window).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RawCall>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => scope.postMessage(answer(event.data));
