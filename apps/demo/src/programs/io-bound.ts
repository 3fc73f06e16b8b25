// Claim 4: N I/O-bound tasks as one Process each, or through a Pool of W workers with a given
// concurrency (tasks in flight per worker).

import { Pool, Process, readOptions, report, type Tasks, tasksModule } from "./multiproc.ts";
import type { IoBoundOptions } from "./program-options.ts";

const { api, kind, tasks: n, workers, concurrency, waitMs, dir } = readOptions<IoBoundOptions>();
const files = Array.from({ length: n }, (_, i) => `${dir}/io-${i}.txt`);

const start = performance.now();
if (api === "Process") {
  const processes = files.map(
    (f) => new Process<Tasks, "ioTask">({ module: tasksModule, target: "ioTask", args: [f, waitMs], kind }),
  );
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
} else {
  const pool = new Pool<Tasks>({ module: tasksModule, kind, workers, concurrency });
  await pool.starmap(
    "ioTask",
    files.map((f): [string, number] => [f, waitMs]),
    { chunksize: 1 },
  );
  pool.close();
  await pool.join();
}
report({ ms: performance.now() - start });
