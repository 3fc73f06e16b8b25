// Node, 2 thread workers, tiny tasks: a burst of N tasks in flight (tasks/s) and sequential
// round trips (µs each), for every contender, in interleaved rounds; prints medians and ratios.
//   node src/node-throughput.mjs [--rounds 5] [--tasks 20000] [--trips 2000]
import { parseArgs } from "node:util";
import { contenders } from "./contenders.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    tasks: { type: "string", default: "20000" },
    trips: { type: "string", default: "2000" },
  },
});
const rounds = Number(values.rounds);
const burstSize = Number(values.tasks);
const trips = Number(values.trips);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = new Map();

for (let round = 1; round <= rounds; round++) {
  for (const make of contenders) {
    const c = make();
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
  process.stderr.write(`round ${round}/${rounds} done\n`);
}

const mp = results.get("multiproc (thread)");
console.log(
  `Node ${process.version}, 2 workers, burst of ${burstSize} tiny tasks, ${trips} round trips, median of ${rounds} interleaved rounds`,
);
console.log("contender                  tasks/s   round trip µs   multiproc tasks/s ÷ this");
for (const [name, r] of results) {
  const rate = median(r.perSecond);
  console.log(
    `${name.padEnd(26)} ${Math.round(rate).toString().padStart(8)}   ${median(r.tripMicros).toFixed(1).padStart(13)}   ${(median(mp.perSecond) / rate).toFixed(2).padStart(8)}`,
  );
}
