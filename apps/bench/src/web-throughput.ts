// Deno or Bun, 2 workers, tiny tasks: raw Web Worker postMessage against multiproc's pool (both
// kinds): a burst of N tasks in flight (tasks/s) and sequential round trips (µs), medians of
// interleaved rounds.   deno run -A dist/web-throughput.js   |   bun dist/web-throughput.js
//   [--rounds 5] [--tasks 20000] [--trips 2000]
import type { Pool as MultiprocPool } from "@multiproc/node";
import type { Contender } from "./contenders.ts";
import { median } from "./median.ts";
import { bun, deno, programArgs, runtime } from "./runtime.ts";

if (runtime === "node") throw new Error("run this with deno or bun (node: dist/node-throughput.js)");
type SquareTasks = typeof import("./tasks/square.ts");
// The three adapters export the same Pool: Node's types stand for Deno's and Bun's.
const { Pool }: Pick<typeof import("@multiproc/node"), "Pool"> = await import(
  runtime === "deno" ? "@multiproc/deno" : "@multiproc/bun"
);

const args: Record<string, string | undefined> = Object.fromEntries(
  programArgs()
    .join(" ")
    .match(/--\w+ \d+/g)
    ?.map((a) => a.slice(2).split(" ")) ?? [],
);
const rounds = Number(args.rounds ?? 5);
const burstSize = Number(args.tasks ?? 20000);
const trips = Number(args.trips ?? 2000);
// Resolved from the built file: every runtime runs dist/, where tasks/ is built beside this one.
const tasks = new URL("./tasks/square.js", import.meta.url);

function raw(): Contender {
  const workers: Worker[] = [];
  const pending = new Map<number, (value: number) => void>();
  let next = 0;
  return {
    name: "raw postMessage",
    async start() {
      for (let i = 0; i < 2; i++) {
        const w = new Worker(new URL("./tasks/raw-web-worker.js", import.meta.url), { type: "module" });
        w.onmessage = (event: MessageEvent<[number, number]>) => {
          const [id, value] = event.data;
          pending.get(id)?.(value);
          pending.delete(id);
        };
        workers.push(w);
      }
      await Promise.all([this.run(1), this.run(2)]);
    },
    run(x) {
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        workers[id % 2]?.postMessage([id, x]);
      });
    },
    stop: async () => {
      for (const w of workers) w.terminate();
    },
  };
}

function pool(kind: "thread" | "process"): Contender {
  let p: MultiprocPool<SquareTasks>;
  return {
    name: `multiproc (${kind})`,
    async start() {
      p = new Pool<SquareTasks>({ module: tasks, workers: 2, kind });
      await Promise.all([p.apply("square", [1]), p.apply("square", [2])]);
    },
    run: (x) => p.apply("square", [x]),
    stop: () => p.terminate(),
  };
}

const results = new Map<string, { perSecond: number[]; tripMicros: number[] }>();
for (let round = 1; round <= rounds; round++) {
  for (const c of [raw(), pool("thread"), pool("process")]) {
    await c.start();
    let t = performance.now();
    await Promise.all(Array.from({ length: burstSize }, (_, i) => c.run(i)));
    const perSecond = burstSize / ((performance.now() - t) / 1000);
    t = performance.now();
    for (let i = 0; i < trips; i++) await c.run(i);
    const tripMicros = ((performance.now() - t) * 1000) / trips;
    await c.stop();
    const r = results.get(c.name) ?? { perSecond: [], tripMicros: [] };
    r.perSecond.push(perSecond);
    r.tripMicros.push(tripMicros);
    results.set(c.name, r);
  }
}
const version = deno?.version.deno ?? bun?.version;
const floor = results.get("raw postMessage") ?? { perSecond: [], tripMicros: [] };
console.log(
  `${runtime} ${version}, 2 workers, burst of ${burstSize} tiny tasks, ${trips} round trips, medians of ${rounds} interleaved rounds`,
);
console.log("contender             tasks/s   ÷ raw   round trip µs   ÷ raw");
for (const [name, r] of results) {
  const rate = median(r.perSecond);
  const trip = median(r.tripMicros);
  console.log(
    `${name.padEnd(20)} ${Math.round(rate).toString().padStart(8)}   ${(rate / median(floor.perSecond)).toFixed(2).padStart(5)}   ${trip.toFixed(1).padStart(13)}   ${(trip / median(floor.tripMicros)).toFixed(2).padStart(5)}`,
  );
}
