// The article's Pool program on @multiproc/bullmq: the same two apply_async calls, run by agents
// on other processes (other hosts, in a real deployment) through Redis; timed inside.
import { findBullmq } from "../bullmq/package-path.ts";
import { readOptions, report, type Tasks } from "./multiproc.ts";
import type { ProgramOptions } from "./program-options.ts";

interface BullmqOptions extends ProgramOptions {
  connection: string;
  queue: string;
  agents: number;
}
type BullmqPool = typeof import("@multiproc/node").Pool;

const { dir, connection, queue, agents } = readOptions<BullmqOptions>();
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
report({ ms, workers: agents });
