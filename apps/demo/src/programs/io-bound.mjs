// Claim 4: N I/O-bound tasks as one Process each, or through a Pool of W workers with a given
// concurrency (tasks in flight per worker).
import { options, Pool, Process, report } from "./multiproc.mjs";

const tasks = new URL("./tasks.mjs", import.meta.url);
const { api, kind, tasks: n, workers, concurrency, waitMs, dir } = options;
const files = Array.from({ length: n }, (_, i) => `${dir}/io-${i}.txt`);

const start = performance.now();
if (api === "Process") {
  const processes = files.map(
    (f) => new Process({ module: tasks, target: "ioTask", args: [f, waitMs], kind }),
  );
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
} else {
  const pool = new Pool({ module: tasks, kind, workers, concurrency });
  await pool.starmap(
    "ioTask",
    files.map((f) => [f, waitMs]),
    { chunksize: 1 },
  );
  pool.close();
  await pool.join();
}
report({ ms: performance.now() - start });
