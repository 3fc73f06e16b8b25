// The article's Pool program on @multiproc/bullmq: the same two apply_async calls, run by agents
// on other processes (other hosts, in a real deployment) through Redis. Measured by the demo's
// engine (@multiproc/bench) as an external cell: it times itself and prints the engine's result line.
import { findBullmq } from "../bullmq/package-path.ts";

interface BullmqOptions {
  dir: string;
  connection: string;
  queue: string;
  agents: number;
}
type BullmqPool = typeof import("@multiproc/node").Pool;
type Tasks = typeof import("./tasks.ts");

const deno = (globalThis as { Deno?: { args: string[] } }).Deno;
const { dir, connection, queue, agents } = JSON.parse(
  (deno ? deno.args[0] : process.argv[2]) ?? "{}",
) as BullmqOptions;
const { Pool } = (await import((await findBullmq()).entry)) as { Pool: BullmqPool };

const start = performance.now();
const pool = new Pool<Tasks>({ connection, queue, workers: agents } as never);
const a = pool.applyAsync("test", [`${dir}/sample1.txt`]);
const b = pool.applyAsync("test", [`${dir}/sample2.txt`]);
await a.wait();
await b.wait();
const ms = performance.now() - start;
if (!a.successful() || !b.successful()) throw new Error(String(await a.get().catch((e: unknown) => e)));
await pool.terminate();
// The line @multiproc/bench's engine reads from each child (its RESULT_PREFIX and a run result).
console.log(`MULTIPROC-BENCH ${JSON.stringify({ ok: true, ms, stats: null, ownPeakKiB: null })}`);
