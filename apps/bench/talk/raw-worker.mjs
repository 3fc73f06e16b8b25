// The raw baseline of talk-bench.mjs: a thread that counts n messages, then answers once; or echoes each.
const onMessage = (handler) => {
  if (
    typeof self !== "undefined" &&
    typeof self.postMessage === "function" &&
    typeof WorkerGlobalScope !== "undefined"
  ) {
    self.onmessage = (e) => handler(e.data, (m) => self.postMessage(m));
  } else {
    import("node:worker_threads").then(({ parentPort }) =>
      parentPort.on("message", (m) => handler(m, (r) => parentPort.postMessage(r))),
    );
  }
};
let mode;
let left = 0;
onMessage((message, reply) => {
  if (message?.mode) {
    mode = message.mode;
    left = message.n;
    return;
  }
  if (mode === "echo") return reply(message);
  if (--left === 0) reply(message.i);
});
