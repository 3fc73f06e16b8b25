// Claim 3: N memory-holding tasks as N Processes started together, or through a Pool of W workers.
// The driver samples the RSS of this program's process tree from outside.

import { Pool, Process, readOptions, report, type Tasks, tasksModule } from "./multiproc.ts";
import type { MemoryOptions } from "./program-options.ts";

const { api, kind, tasks: n, workers, mib, holdMs } = readOptions<MemoryOptions>();

const start = performance.now();
if (api === "Process") {
  const processes = Array.from(
    { length: n },
    () =>
      new Process<Tasks, "holdMemory">({
        module: tasksModule,
        target: "holdMemory",
        args: [mib, holdMs],
        kind,
      }),
  );
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
} else {
  const pool = new Pool<Tasks>({ module: tasksModule, kind, workers });
  await pool.starmap(
    "holdMemory",
    Array.from({ length: n }, (): [number, number] => [mib, holdMs]),
    { chunksize: 1 },
  );
  pool.close();
  await pool.join();
}
report({ ms: performance.now() - start });
