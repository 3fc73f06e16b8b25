// Queue between two threads against raw postMessage between them, and an uncontended Lock, on the
// runtime running this file: `node apps/bench/talk/talk-bench.mjs` (or deno run -A, bun). Interleaved
// rounds, medians; prints one JSON line per figure and the ratios against the targets.
const runtime = typeof Deno !== "undefined" ? "deno" : typeof Bun !== "undefined" ? "bun" : "node";
const { Process, Queue, Lock } = await import(`@multiproc/${runtime}`);
const tasks = new URL("./talk-tasks.mjs", import.meta.url);
const rawUrl = new URL("./raw-worker.mjs", import.meta.url);
const ROUNDS = Number(globalThis.process?.env?.ROUNDS ?? 5);
const N = 50_000;
const TRIPS = 5_000;
const item = (i) => ({ i, name: "item", values: [1, 2, 3] });

async function rawWorker() {
  if (runtime === "node") {
    const { Worker } = await import("node:worker_threads");
    const w = new Worker(rawUrl);
    return {
      post: (m) => w.postMessage(m),
      next: () => new Promise((r) => w.once("message", r)),
      end: () => w.terminate(),
    };
  }
  const w = new Worker(rawUrl, { type: "module" });
  let waiting;
  w.onmessage = (e) => waiting?.(e.data);
  return {
    post: (m) => w.postMessage(m),
    next: () => new Promise((r) => (waiting = r)),
    end: () => w.terminate(),
  };
}

/** Items per second through raw postMessage: the parent posts N, the thread answers after the last. */
async function rawThroughput() {
  const w = await rawWorker();
  w.post({ mode: "count", n: N });
  const t = performance.now();
  const answered = w.next();
  for (let i = 0; i < N; i++) w.post(item(i));
  await answered;
  const ms = performance.now() - t;
  w.end();
  return (N / ms) * 1000;
}

/** Items per second through a Queue: the parent puts N, a Process thread gets them, then says so. */
async function queueThroughput() {
  const q = new Queue();
  const done = new Queue();
  const p = new Process({ module: tasks, target: "drain", args: [q, N, done] });
  p.start();
  await q.put(item(-1)); // the worker is up once it took this
  while (!q.empty()) await new Promise((r) => setTimeout(r, 1));
  const t = performance.now();
  // The worker drains N-1 more plus the warm-up item: N items in all.
  for (let i = 1; i < N; i++) await q.put(item(i));
  await done.get();
  const ms = performance.now() - t;
  await p.join();
  return (N / ms) * 1000;
}

/** Round trips per second: raw postMessage echo. */
async function rawTrips() {
  const w = await rawWorker();
  w.post({ mode: "echo" });
  const t = performance.now();
  for (let i = 0; i < TRIPS; i++) {
    const back = w.next();
    w.post(item(i));
    await back;
  }
  const ms = performance.now() - t;
  w.end();
  return (TRIPS / ms) * 1000;
}

/** Round trips per second: a request Queue and a reply Queue with a Process thread between. */
async function queueTrips() {
  const requests = new Queue();
  const replies = new Queue();
  const p = new Process({ module: tasks, target: "pingPong", args: [requests, replies, TRIPS + 1] });
  p.start();
  await requests.put(item(-1));
  await replies.get();
  const t = performance.now();
  for (let i = 0; i < TRIPS; i++) {
    await requests.put(item(i));
    await replies.get();
  }
  const ms = performance.now() - t;
  await p.join();
  return (TRIPS / ms) * 1000;
}

/** Nanoseconds per uncontended `await lock.acquire(); lock.release()`. */
async function lockNs() {
  const lock = new Lock();
  const n = 1_000_000;
  for (let i = 0; i < 10_000; i++) {
    await lock.acquire();
    lock.release();
  }
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    await lock.acquire();
    lock.release();
  }
  return ((performance.now() - t) * 1e6) / n;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const figures = { rawThroughput: [], queueThroughput: [], rawTrips: [], queueTrips: [], lockNs: [] };
const runs = { rawThroughput, queueThroughput, rawTrips, queueTrips, lockNs };
for (let round = 0; round < ROUNDS; round++) {
  const order = Object.keys(runs);
  for (let k = 0; k < order.length; k++) {
    const name = order[(k + round) % order.length];
    figures[name].push(await runs[name]());
  }
}
const m = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, median(v)]));
const out = {
  runtime,
  rounds: ROUNDS,
  itemsPerSecond: { queue: Math.round(m.queueThroughput), postMessage: Math.round(m.rawThroughput) },
  throughputRatio: +(m.queueThroughput / m.rawThroughput).toFixed(2),
  roundTripsPerSecond: { queue: Math.round(m.queueTrips), postMessage: Math.round(m.rawTrips) },
  roundTripRatio: +(m.queueTrips / m.rawTrips).toFixed(2),
  lockAcquireReleaseNs: Math.round(m.lockNs),
};
console.log(JSON.stringify(out));
console.log(
  `${runtime}: Queue ${out.throughputRatio}× postMessage's throughput (target ≥ 0.5×: ${out.throughputRatio >= 0.5 ? "met" : "missed"}); ` +
    `round trip ${out.roundTripRatio}×; Lock acquire+release ${out.lockAcquireReleaseNs} ns (target < 1000: ${out.lockAcquireReleaseNs < 1000 ? "met" : "missed"})`,
);
globalThis.process?.exit?.(0);
