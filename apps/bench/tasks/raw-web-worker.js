// The raw floor on Deno and Bun: a Web Worker that squares what it is sent, one message per task.
self.onmessage = (event) => {
  const [id, x] = event.data;
  self.postMessage([id, x * x]);
};
