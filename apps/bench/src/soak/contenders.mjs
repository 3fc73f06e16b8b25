// What the soak drives, behind one shape: apply(a, b) and map(items) → promises; probe(gc, file)
// → the two workers' heap readings (and snapshots to file-w0/-w1.heapsnapshot); stop().
// multiproc's Pool, or raw workers with no multiproc code.
import { runtime } from "./memory.mjs";

const WORKERS = 2;

/** One Pool of 2 workers of `kind`, started (both workers ready) before it is returned. */
export async function multiproc(kind) {
  const adapter = { node: "@multiproc/node", deno: "@multiproc/deno", bun: "@multiproc/bun" }[runtime];
  const { Pool } = await import(adapter);
  const pool = new Pool({ module: new URL("./tasks.mjs", import.meta.url), workers: WORKERS, kind });
  const contender = {
    name: `multiproc ${kind}`,
    apply: (a, b) => pool.apply("add", [a, b]),
    map: (items) => pool.map("inc", items),
    // Sent together to an idle pool, the two probes go one to each worker (least busy first).
    probe: (gc, file) =>
      Promise.all([0, 1].map((i) => pool.apply("probe", [gc, file && `${file}-w${i}.heapsnapshot`]))),
    stop: () => pool.terminate(),
  };
  await contender.probe(false);
  return contender;
}

/** Two raw workers (Web Worker, or worker_threads on Node) and a Map of pending ids: the floor. */
export async function raw() {
  const pending = new Map();
  const settle = ([id, value]) => {
    const resolve = pending.get(id);
    pending.delete(id);
    resolve(value);
  };
  const workers = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await rawWorker(settle));
  let next = 0;
  const call = (worker, op, a, b) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      worker.postMessage([id, op, a, b]);
    });
  const contender = {
    name: "raw worker",
    apply: (a, b) => call(workers[next % WORKERS], "add", a, b),
    map: (items) => Promise.all(items.map((x) => contender.apply(x, 1))),
    probe: (gc, file) =>
      Promise.all(workers.map((w, i) => call(w, "probe", gc, file && `${file}-w${i}.heapsnapshot`))),
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
  await contender.probe(false);
  return contender;
}

async function rawWorker(onData) {
  if (runtime === "node") {
    const { Worker } = await import("node:worker_threads");
    const worker = new Worker(new URL("./raw-node-worker.mjs", import.meta.url));
    worker.on("message", onData);
    return worker;
  }
  const worker = new Worker(new URL("./raw-web-worker.mjs", import.meta.url), { type: "module" });
  worker.onmessage = (event) => onData(event.data);
  return worker;
}
