// The article's second program: Pool(), apply_async twice, wait twice; timed inside.

import { Pool, readOptions, report, type Tasks, tasksModule } from "./multiproc.ts";
import type { ProgramOptions } from "./program-options.ts";

const { dir, kind } = readOptions<ProgramOptions>();

const start = performance.now();
const pool = new Pool<Tasks>({ module: tasksModule, kind });
const a = pool.applyAsync("test", [`${dir}/sample1.txt`]);
const b = pool.applyAsync("test", [`${dir}/sample2.txt`]);
await a.wait();
await b.wait();
const ms = performance.now() - start;
if (!a.successful() || !b.successful()) throw new Error(String(await a.get().catch((e: unknown) => e)));
await pool.terminate(); // the article's program simply ends here
report({ ms, workers: pool.options.workers });
