// The measurements of one row in one runtime: warm-up, a burst, single round trips, `map` where
// the contender has one, then the article's Process program. What each sends is the same for
// every contender: `({ a, b }) => a + b` on small objects, `x + 1` on numbers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Contender, ContenderModule } from "./contenders/contender.ts";
import type { Measured } from "./measured.ts";
import type { Sizes } from "./sizes.ts";
import { median, percentile } from "./stats.ts";
import type { AddArgs } from "./tasks/bench-tasks.ts";

export type { Sizes } from "./sizes.ts";

/** Which measurements a row makes: all of them, or only the Process start. */
export type Only = "start" | null;

const perSecond = (count: number, ms: number) => count / (ms / 1000);

export async function measureRow(
  mod: ContenderModule,
  kind: string,
  sizes: Sizes,
  only: Only = null,
): Promise<Omit<Measured, "version">> {
  const out: Omit<Measured, "version"> = {};
  if (only === "start") {
    if (mod.startTwo) out.processStartMs = await processStart(mod, kind, sizes.repeats);
    return out;
  }
  if (!mod.create) throw new Error("measure.js: the module exports neither create() nor measure()");
  const c = await mod.create(kind);
  let t = performance.now();
  await c.start();
  out.readyMs = performance.now() - t;

  await warmUp(c, sizes);

  t = performance.now();
  await Promise.all(Array.from({ length: sizes.tasks }, (_, i) => c.add({ a: i, b: 1 })));
  out.burstPerSec = perSecond(sizes.tasks, performance.now() - t);

  // Round trips, on this pool first (see tripsOnFreshPool for the others).
  const trips: number[] = [];
  const pools = mod.tripPools ?? TRIP_POOLS;
  const perPool = Math.ceil(sizes.trips / pools);
  const poolMedians = [median(await timeTrips(c, perPool, trips))];

  // A map of 20,000 tiny items takes a few ms: the median of several is what one run reports,
  // after MAP_WARM_UPS maps of the same items, not counted.
  if (c.mapNumbers) {
    const numbers = Array.from({ length: sizes.mapItems }, (_, i) => i);
    for (let i = 0; i < MAP_WARM_UPS; i++) await c.mapNumbers(numbers);
    out.mapNumbersPerSec = await medianRate(sizes.repeats, sizes.mapItems, () => c.mapNumbers?.(numbers));
  }
  if (c.mapObjects) {
    const objects: AddArgs[] = Array.from({ length: sizes.mapItems }, (_, i) => ({ a: i, b: 1 }));
    for (let i = 0; i < MAP_WARM_UPS; i++) await c.mapObjects(objects);
    out.mapObjectsPerSec = await medianRate(sizes.repeats, sizes.mapItems, () => c.mapObjects?.(objects));
  }
  await c.stop();
  for (let p = 1; p < pools; p++) {
    poolMedians.push(median(await tripsOnFreshPool(mod, kind, sizes, perPool, trips)));
  }
  out.tripMedianUs = median(poolMedians);
  out.tripP99Us = percentile(trips, 0.99);

  // After the pool is gone, so its workers take no CPU from the start-ups measured.
  if (mod.startTwo) out.processStartMs = await processStart(mod, kind, sizes.repeats);
  return out;
}

/**
 * Maps of the measured items run first and not counted, as the burst's warm-up (see warmUp): the
 * JIT of both sides sees the calls the timed maps make. One map of 100 items did not: the first
 * five full maps then ran at a half to a third of the rate of the ones after, on every runtime.
 * Python's rows make the same maps (bench.py).
 */
export const MAP_WARM_UPS = 3;

/**
 * Pools the round trips are measured on, in each round. How fast a lone call comes back depends on
 * where the OS placed the pool's threads: on this VM about 20 or about 50 µs, settled per pool, the
 * same code either way. One pool per round reports its luck; the median of several pools' medians
 * reports the pool a user would typically get.
 */
const TRIP_POOLS = 3;

/** `count` calls one at a time on `c`: each one's µs, added to `all` too. */
async function timeTrips(c: Contender, count: number, all: number[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await c.add({ a: i, b: 1 });
    times.push((performance.now() - start) * 1000);
  }
  all.push(...times);
  return times;
}

/** Warm-up, not counted: the JIT and both sides' buffers see the same calls the run makes. */
async function warmUp(c: Contender, sizes: Sizes): Promise<void> {
  const warm = Math.max(50, Math.min(2000, Math.floor(sizes.tasks / 10)));
  await Promise.all(Array.from({ length: warm }, (_, i) => c.add({ a: i, b: 1 })));
  for (let i = 0; i < Math.min(200, warm); i++) await c.add({ a: i, b: 1 });
}

/** Round trips on a pool of its own, started for them and warmed up as the first one was. */
async function tripsOnFreshPool(
  mod: ContenderModule,
  kind: string,
  sizes: Sizes,
  count: number,
  all: number[],
) {
  const c = await (mod.create as NonNullable<ContenderModule["create"]>)(kind);
  try {
    await c.start();
    await warmUp(c, sizes);
    return await timeTrips(c, count, all);
  } finally {
    await c.stop();
  }
}

/** Items per second of `run`, the median of `runs` runs. */
async function medianRate(
  runs: number,
  items: number,
  run: () => Promise<unknown> | undefined,
): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    rates.push(perSecond(items, performance.now() - t));
  }
  return median(rates);
}

/**
 * A pause, not timed, between two runs of the article's program. A run ends when its program would
 * go on (`join()` returned, or the bare worker's exit came), which can be before the runtime has
 * torn the workers down: a thread's teardown takes a core for a few ms. Run straight on, the next
 * run would start beside it, and each row would pay for how early it reports the end.
 */
export const PAUSE_BETWEEN_RUNS_MS = 50;

/** The median over `runs` runs of the article's program: two tasks, each on a fresh worker. */
async function processStart(mod: ContenderModule, kind: string, runs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "multiproc-bench-"));
  try {
    const files = ["sample1.txt", "sample2.txt"].map((name) => join(dir, name));
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_RUNS_MS));
      const t = performance.now();
      await mod.startTwo?.(kind, files);
      times.push(performance.now() - t);
    }
    return median(times);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
