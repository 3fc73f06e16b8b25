// The chaos driver: run on Node, Deno or Bun, it puts one Pool of its runtime through N tasks
// of every kind of trouble (throws, exits, crashes, timeouts, aborts, and for processes a
// SIGKILL storm from outside), checks that the pool still serves, terminates it, checks that no
// child process is left, and prints one line: CHAOS-SUMMARY <json>. See ../README.md.
//   <runtime> dist/driver.js --tasks 1500 --kind process --seed 7 [--workers 3] [--storm on|off]
import { rmSync } from "node:fs";
import process from "node:process";
import { childPids, describePids } from "./children.ts";
import { parseDriverArgs } from "./driver-args.ts";
import { chaosTasks, importAdapter, runtimeName, runtimeVersion } from "./host.ts";
import { planTasks } from "./plan.ts";
import { seededRandom } from "./random.ts";
import { runPlan } from "./run-plan.ts";
import { readStartLog } from "./start-log.ts";
import { startStorm } from "./storm.ts";
import { summarize } from "./summary.ts";

const options = parseDriverArgs(process.argv.slice(2));
const adapter = await importAdapter();
rmSync(options.log, { force: true });
process.env.CHAOS_LOG = options.log; // workers inherit it: set before the first one starts

const plan = planTasks(options.tasks, options.seed);
const started = performance.now();
const pool = new adapter.Pool({ module: chaosTasks, kind: options.kind, workers: options.workers });
let maxWorkerCount = 0;
const watchWorkers = () => {
  maxWorkerCount = Math.max(maxWorkerCount, pool.workerCount);
};
const storm = options.storm
  ? startStorm({ parentPid: process.pid, random: seededRandom(options.seed ^ 0x570e) })
  : undefined;
const { settlements, done } = runPlan(pool, plan, { window: options.window, onProgress: watchWorkers });

let finalMapAt: number | undefined;
// The hang guard: whatever still waits at the deadline is reported, and the program ends.
const deadline = setTimeout(() => finish(true), options.deadline);
await done;
await storm?.stop();
const finalMap = await checkFinalMap();
await pool.terminate();
await finish(false);

/** After the storm, a plain map must come back whole and right. */
async function checkFinalMap(): Promise<string> {
  finalMapAt = performance.now();
  const items = Array.from({ length: 100 }, (_, i) => i);
  try {
    const squares = (await pool.map("square", items)) as number[];
    const wrong = items.findIndex((i) => squares[i] !== i * i);
    return wrong === -1 ? "ok" : `item ${wrong} came back as ${squares[wrong]}`;
  } catch (error) {
    const { name, message } = (error ?? {}) as { name?: string; message?: string };
    return `rejected: ${name}: ${message}`;
  }
}

async function finish(hung: boolean): Promise<void> {
  clearTimeout(deadline);
  if (hung) await storm?.stop();
  // After terminate() every worker process has been reaped: any child still here is a leak.
  const survivors = hung ? [] : await describePids(await childPids(process.pid));
  const log = readStartLog(options.log);
  if (options.ownLog) rmSync(options.log, { force: true });
  const summary = summarize({
    runtime: runtimeName,
    version: runtimeVersion,
    options,
    plan,
    settlements,
    errors: adapter,
    log,
    kills: storm?.kills ?? [],
    maxWorkerCount,
    maxChildren: storm?.maxChildren ?? 0,
    finalMap: hung ? "not reached" : finalMap,
    finalMapAt,
    survivors,
    hung,
    durationMs: performance.now() - started,
  });
  console.log(`CHAOS-SUMMARY ${JSON.stringify(summary)}`);
  if (hung) process.exit(2); // the pool is stuck: do not wait for it
  process.exit(0);
}
