// Claim 3: N memory-holding tasks as N Processes started together, or through a Pool of W workers.
// The driver samples the RSS of this program's process tree from outside.
import { options, Pool, Process, report } from "./multiproc.mjs";

const tasks = new URL("./tasks.mjs", import.meta.url);
const { api, kind, tasks: n, workers, mib, holdMs } = options;

const start = performance.now();
if (api === "Process") {
  const processes = Array.from(
    { length: n },
    () => new Process({ module: tasks, target: "holdMemory", args: [mib, holdMs], kind }),
  );
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
} else {
  const pool = new Pool({ module: tasks, kind, workers });
  await pool.starmap(
    "holdMemory",
    Array.from({ length: n }, () => [mib, holdMs]),
    { chunksize: 1 },
  );
  pool.close();
  await pool.join();
}
report({ ms: performance.now() - start });
