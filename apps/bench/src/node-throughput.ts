// Node, 2 thread workers, tiny tasks: a burst of N tasks in flight (tasks/s) and sequential
// round trips (µs each), for every contender, in interleaved rounds; prints medians and ratios.
//   node dist/node-throughput.js [--rounds 5] [--tasks 20000] [--trips 2000] [--map-items 1000000]
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Pool } from "@multiproc/node";
import { contenders } from "./contenders.ts";
import { median } from "./median.ts";

const { values } = parseArgs({
  // `pnpm bench:node -- --rounds 1` passes the "--" on: drop it.
  args: process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--")),
  options: {
    rounds: { type: "string", default: "5" },
    tasks: { type: "string", default: "20000" },
    trips: { type: "string", default: "2000" },
    "map-items": { type: "string", default: "1000000" },
  },
});
const rounds = Number(values.rounds);
const burstSize = Number(values.tasks);
const trips = Number(values.trips);
const mapItems = Number(values["map-items"]);
// Resolved from the built file, dist/node-throughput.js: the build leaves Python's script in src/.
const python = fileURLToPath(new URL("../src/python_reference.py", import.meta.url));
const tasks = new URL("./tasks/square.js", import.meta.url);

interface Measured {
  perSecond: number[];
  tripMicros: number[];
  mapPerSecond: number[];
}
const results = new Map<string, Measured>();
const record = (name: string, key: keyof Measured, value: number) => {
  const r = results.get(name) ?? { perSecond: [], tripMicros: [], mapPerSecond: [] };
  r[key].push(value);
  results.set(name, r);
};

for (let round = 1; round <= rounds; round++) {
  for (const make of contenders) {
    const c = make();
    await c.start();
    let t = performance.now();
    await Promise.all(Array.from({ length: burstSize }, (_, i) => c.run(i)));
    record(c.name, "perSecond", burstSize / ((performance.now() - t) / 1000));
    t = performance.now();
    for (let i = 0; i < trips; i++) await c.run(i);
    record(c.name, "tripMicros", ((performance.now() - t) * 1000) / trips);
    await c.stop();
  }
  // map with automatic chunks: multiproc against Python's Pool.map (the only other pool with one).
  const pool = new Pool<typeof import("./tasks/square.ts")>({ module: tasks, workers: 2 });
  await pool.map("square", [1, 2, 3, 4]);
  const items = Array.from({ length: mapItems }, (_, i) => i);
  const t = performance.now();
  await pool.map("square", items);
  record("multiproc (thread)", "mapPerSecond", mapItems / ((performance.now() - t) / 1000));
  await pool.terminate();
  try {
    const out = JSON.parse(
      execFileSync("python3", [python, String(burstSize), String(mapItems)], { encoding: "utf8" }),
    ) as { burst: number; map: number };
    record("python multiprocessing", "perSecond", out.burst);
    record("python multiprocessing", "mapPerSecond", out.map);
  } catch {
    if (round === 1) console.error("python3 not found or failed: no Python reference row");
  }
  process.stderr.write(`round ${round}/${rounds} done\n`);
}

const mp = results.get("multiproc (thread)") ?? { perSecond: [], tripMicros: [], mapPerSecond: [] };
const cell = (xs: number[], digits = 0) => (xs.length ? median(xs).toFixed(digits) : "–");
console.log(
  `Node ${process.version}, 2 workers, tiny tasks: burst of ${burstSize} (apply / apply_async), ${trips} sequential round trips, map of ${mapItems}; medians of ${rounds} interleaved rounds`,
);
console.log("contender                  burst tasks/s  ratio   round trip µs   map tasks/s  ratio");
for (const [name, r] of results) {
  const burstRatio = r.perSecond.length ? (median(mp.perSecond) / median(r.perSecond)).toFixed(2) : "–";
  const mapRatio = r.mapPerSecond.length
    ? (median(mp.mapPerSecond) / median(r.mapPerSecond)).toFixed(2)
    : "–";
  console.log(
    `${name.padEnd(26)} ${cell(r.perSecond).padStart(13)}  ${burstRatio.padStart(5)}   ${cell(r.tripMicros, 1).padStart(13)}   ${cell(r.mapPerSecond).padStart(11)}  ${mapRatio.padStart(5)}`,
  );
}
console.log("ratio: multiproc (thread) ÷ that row; above 1 means multiproc is faster.");
