// What a Pool is for: CPU-bound work spread over every core. Counts the primes below 10,000,000 in
// 40 ranges, first one range after another on the main thread, then with pool.map.
// Run: node_modules/.bin/deno run -A examples/deno/map.ts
import { Pool } from "@multiproc/deno";
import { countPrimes } from "../tasks.ts";

const limit = 10_000_000;
const step = limit / 40;
const ranges = Array.from({ length: 40 }, (_, i): [number, number] => [i * step, (i + 1) * step]);
const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
console.log(`counting the primes below ${limit} in ${ranges.length} ranges`);

let start = performance.now();
const onMainThread = sum(ranges.map(countPrimes));
const mainMs = performance.now() - start;
console.log(`main thread: ${onMainThread} primes in ${mainMs.toFixed(0)} ms`);

// The pool's start-up counts too: workers start when the first tasks arrive.
start = performance.now();
await using pool = new Pool<typeof import("../tasks.ts")>({
  module: new URL("../tasks.ts", import.meta.url),
});
const inPool = sum(await pool.map("countPrimes", ranges));
const poolMs = performance.now() - start;
const speedup = (mainMs / poolMs).toFixed(2);
console.log(
  `Pool of ${pool.options.workers} workers: ${inPool} primes in ${poolMs.toFixed(0)} ms (${speedup}× the main thread's speed)`,
);
