// The raw floor on Deno and Bun: a Web Worker that squares what it is sent, one message per task.

// A Web Worker's global scope, as far as it is used (the DOM lib types `self` as a window).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<[number, number]>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const [id, x] = event.data;
  scope.postMessage([id, x * x]);
};
