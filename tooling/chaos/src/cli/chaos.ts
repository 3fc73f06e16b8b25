// `pnpm chaos`: the chaos driver on every runtime and kind, 10,000 tasks each by default, then a
// table of the outcomes and the invariants that failed. Exit code 1 when any did.
//   node tooling/chaos/dist/cli/chaos.js [--tasks N] [--runtimes node20,deno,bun] [--kinds thread,process]
//                                        [--seed S] [--workers W] [--json FILE]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type ChaosRun, runDriver } from "../run-driver.ts";
import { failures, formatFailures, formatTable } from "../table.ts";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    runtimes: { type: "string", default: "node20,deno,bun" },
    kinds: { type: "string", default: "thread,process" },
    seed: { type: "string", default: String(Math.floor(Math.random() * 1_000_000)) },
    workers: { type: "string", default: "3" },
    json: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    "usage: chaos [--tasks 10000] [--runtimes node20,deno,bun] [--kinds thread,process] [--seed S] [--workers 3] [--json FILE]",
  );
  process.exit(0);
}

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const tasks = Number(values.tasks);
const seed = Number(values.seed);
const workers = Number(values.workers);
console.log(
  `chaos: ${tasks} tasks per run, ${workers} workers, seed ${seed} (--seed ${seed} replays the plan)`,
);

const runs: ChaosRun[] = [];
for (const runtime of list(values.runtimes)) {
  for (const kind of list(values.kinds)) {
    if (kind !== "thread" && kind !== "process") throw new Error(`--kinds: thread or process, not ${kind}`);
    process.stdout.write(`  ${runtime} ${kind} … `);
    const run = await runDriver({ runtime, kind, tasks, seed, workers });
    runs.push(run);
    const seconds = run.summary ? `${(run.summary.durationMs / 1000).toFixed(1)} s` : "no summary";
    console.log(`${seconds}, ${failures(run).length === 0 ? "ok" : "FAILED"}`);
  }
}

console.log(["", ...formatTable(runs), "", ...formatFailures(runs)].join("\n"));
if (values.json) writeFileSync(values.json, `${JSON.stringify(runs, null, 2)}\n`);
process.exit(runs.every((run) => failures(run).length === 0) ? 0 : 1);
