// pnpm soak: 10^6 tiny tasks through one pool of 2 workers on Node, Deno and Bun, RSS every 10^5.
//   node apps/bench/dist/soak/run.js [--runtime all|node,deno,bun] [--tasks 1e6 | --quick]
//     [--kind thread|process] [--mode apply|map|both] [--raw] [--gc] [--v8=FLAGS] [--json FILE]
// --raw adds the floor: the same load through raw workers with no multiproc code. --gc forces a
// full collection at each sample (main isolate and workers) and shows what is live after it.
// --v8=FLAGS passes V8 flags to Node and Deno (e.g. --max-semi-space-size=1), to test a cause.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { count, parseArgs } from "./args.ts";
import { benchDir, pickRuntimes } from "./runtimes.ts";
import type { Meta, Peak, Run, Sample } from "./samples.ts";
import { runTable, summaryTable } from "./table.ts";

const opts = parseArgs(process.argv.slice(2));
if (opts.help) {
  console.log(
    "options: --runtime all|node,deno,bun  --tasks N (1e6)  --every N (1e5)  --quick (1e5, every 1e4)\n" +
      "         --kind thread|process  --mode apply|map|both  --wave N  --raw  --gc  --idle MS\n" +
      "         --v8=FLAGS (Node, Deno: e.g. --max-semi-space-size=1)  --json FILE",
  );
  process.exit(0);
}
const tasks = opts.quick ? 100_000 : count(opts.tasks, 1_000_000);
const every = count(opts.every, opts.quick ? 10_000 : Math.min(100_000, tasks));
const modes = opts.mode === "both" ? ["apply", "map"] : [String(opts.mode ?? "apply")];
const kind = opts.kind ?? "thread";
const v8 = typeof opts.v8 === "string" ? opts.v8 : "";

type Step = { runtime: ReturnType<typeof pickRuntimes>[number]; title: string; args: string[] };
const plan: Step[] = [];
for (const runtime of pickRuntimes(String(opts.runtime ?? "all"))) {
  for (const mode of modes) {
    const common = ["--tasks", String(tasks), "--every", String(every), "--mode", mode];
    if (opts.wave) common.push("--wave", String(opts.wave));
    if (opts.gc) common.push("--gc");
    if (opts.idle) common.push("--idle", String(opts.idle));
    const flags = v8 && runtime.name !== "bun" ? ` ${v8}` : "";
    plan.push({
      runtime,
      title: `${runtime.name} multiproc ${kind} ${mode}${flags}`,
      args: [...common, "--kind", String(kind)],
    });
    if (opts.raw && mode === "apply") {
      plan.push({
        runtime,
        title: `${runtime.name} raw worker ${mode}${flags}`,
        args: [...common, "--contender", "raw"],
      });
    }
  }
}

// One run at a time: parallel runs would share two cores and blur each other's timings.
const runs: Run[] = [];
for (const step of plan) {
  console.error(`… ${step.title}`);
  const run = await runOne(step);
  runs.push(run);
  console.log(`\n${runTable(run)}`);
}
console.log(`\n${summaryTable(runs)}`);
if (typeof opts.json === "string") writeFileSync(opts.json, JSON.stringify(runs, null, 2));

function runOne({ runtime, title, args }: Step): Promise<Run> {
  const child = spawn(runtime.binary, runtime.argv(args, v8), {
    cwd: benchDir,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let meta: Meta | undefined;
  let peak: Peak | undefined;
  const samples: Sample[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("SOAK ")) return console.log(line);
    const data = JSON.parse(line.slice(5)) as Meta | Peak | Sample;
    if (data.label === "meta") meta = { ...data, v8: runtime.name === "bun" ? "" : v8 };
    else if (data.label === "peak") peak = data;
    else {
      samples.push(data);
      console.error(`  ${data.label} ${data.tasks ?? ""}: RSS ${(data.rss / 2 ** 20).toFixed(0)} MiB`);
    }
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 && meta && peak
        ? resolve({ title, meta, samples, peak })
        : reject(new Error(`${title}: exited with code ${code}`)),
    );
  });
}
