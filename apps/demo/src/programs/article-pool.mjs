// The article's second program: Pool(), apply_async twice, wait twice; timed inside.
import { options, Pool, report } from "./multiproc.mjs";

const tasks = new URL("./tasks.mjs", import.meta.url);
const { dir, kind } = options;

const start = performance.now();
const pool = new Pool({ module: tasks, kind });
const a = pool.applyAsync("test", [`${dir}/sample1.txt`]);
const b = pool.applyAsync("test", [`${dir}/sample2.txt`]);
await a.wait();
await b.wait();
const ms = performance.now() - start;
if (!a.successful() || !b.successful()) throw new Error(String(await a.get().catch((e) => e)));
await pool.terminate(); // the article's program simply ends here
report({ ms, workers: pool.options.workers });
