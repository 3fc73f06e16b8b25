// The measuring child: runs one row (a contender module, a kind) in whatever runtime started it
// and prints one line, "BENCH {json}", on stdout. run.ts starts one per row per round, so no row
// inherits another's JIT state, heap or leftover workers.
//   <runtime> dist/measure.js --module ./contenders/multiproc.js --kind thread
//     [--tasks 20000] [--trips 2000] [--map-items 20000] [--repeats 5] [--only start]
import type { ContenderModule } from "./contenders/contender.ts";
import { measureRow, type Sizes } from "./measure-run.ts";
import { type Measured, REPORT_PREFIX } from "./measured.ts";
import { bun, deno, runtime } from "./runtime.ts";
import { count, parseArgs } from "./soak/args.ts";

const opts = parseArgs();
if (typeof opts.module !== "string") throw new Error("measure.js: --module is required");
// A path relative to dist/ (this file's folder), or a file URL.
const url = opts.module.startsWith("file:") ? opts.module : new URL(opts.module, import.meta.url).href;
const mod = (await import(url)) as ContenderModule;
const kind = typeof opts.kind === "string" ? opts.kind : "thread";
const only = opts.only === "start" ? "start" : null;
const measured: Measured = {
  version: deno?.version.deno ?? bun?.version ?? process.versions.node,
  ...(await (mod.measure ?? ((k: string, s: Sizes) => measureRow(mod, k, s, only)))(kind, {
    tasks: count(opts.tasks, 20_000),
    trips: count(opts.trips, 2_000),
    mapItems: count(opts["map-items"], 20_000),
    repeats: count(opts.repeats, 5),
  })),
};
console.log(`${REPORT_PREFIX}${JSON.stringify({ runtime, ...measured })}`);
// Anything left running (a worker that would not stop) must not hold the round up.
process.exit(0);
