// Claim 2: what a Pool costs before its first result, against one Process, for one small task.

import { Pool, Process, readOptions, report, type Tasks, tasksModule } from "./multiproc.ts";
import type { CreationOptions } from "./program-options.ts";

const { api, kind, dir, workers } = readOptions<CreationOptions>();

const start = performance.now();
if (api === "Process") {
  const p = new Process<Tasks, "test">({
    module: tasksModule,
    target: "test",
    args: [`${dir}/once.txt`],
    kind,
  });
  p.start();
  await p.join();
} else {
  const pool = new Pool<Tasks>({ module: tasksModule, kind, workers });
  await pool.apply("test", [`${dir}/once.txt`]);
  await pool.terminate();
}
report({ ms: performance.now() - start });
