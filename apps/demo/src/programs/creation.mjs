// Claim 2: what a Pool costs before its first result, against one Process, for one small task.
import { options, Pool, Process, report } from "./multiproc.mjs";

const tasks = new URL("./tasks.mjs", import.meta.url);
const { api, kind, dir, workers } = options;

const start = performance.now();
if (api === "Process") {
  const p = new Process({ module: tasks, target: "test", args: [`${dir}/once.txt`], kind });
  p.start();
  await p.join();
} else {
  const pool = new Pool({ module: tasks, kind, workers });
  await pool.apply("test", [`${dir}/once.txt`]);
  await pool.terminate();
}
report({ ms: performance.now() - start });
