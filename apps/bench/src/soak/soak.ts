// One soak run inside one runtime: `tasks` tiny tasks through one contender, in waves of `wave`
// calls in flight (apply) or map() calls of `wave` items, with a memory sample every `every`
// tasks. Prints one `SOAK {json}` line per sample; run.ts starts it and draws the tables.
//   node --expose-gc dist/soak/soak.js | deno run -A --v8-flags=--expose-gc dist/soak/soak.js
//   | bun dist/soak/soak.js
//   [--tasks 1e6] [--mode apply|map] [--kind thread|process] [--contender multiproc|raw]
//   [--wave 1000] [--every 1e5] [--gc] [--idle 2000] [--snapshots DIR]
// --snapshots writes heap snapshots of the main isolate and both workers when ready and after
// the last task (Node and Deno), for heap-diff.js.
import { bun, deno, runtime } from "../runtime.ts";
import { count, parseArgs } from "./args.ts";
import { multiproc, raw, type SoakContender } from "./contenders.ts";
import { canCollect, childrenRss, collectGarbage, peakRss, usage } from "./memory.ts";
import type { Meta, Peak, Sample } from "./samples.ts";
import { heapSpaces, writeSnapshot } from "./v8-heap.ts";

const opts = parseArgs();
const mode = opts.mode ?? "apply";
const total = count(opts.tasks, 1_000_000);
const wave = count(opts.wave, mode === "map" ? 10_000 : 1_000);
const every = count(opts.every, Math.min(100_000, total));
const forceGc = opts.gc === true;
const idleMs = Number(opts.idle ?? 2000);
const snapshots = typeof opts.snapshots === "string" ? opts.snapshots : undefined;
const started = performance.now();

const emit = (sample: Sample | Meta | Peak) => console.log(`SOAK ${JSON.stringify(sample)}`);

/** Readings now; with --gc, also after a full collection of the main isolate and both workers. */
async function sample(
  label: Sample["label"],
  tasks: number,
  contender?: SoakContender,
  snapshot?: boolean,
): Promise<Sample> {
  const s: Sample = {
    label,
    tasks,
    s: (performance.now() - started) / 1000,
    ...usage(),
    children: childrenRss(),
    spaces: heapSpaces(),
  };
  const file =
    snapshot && snapshots ? `${snapshots}/${runtime}-${opts.contender ?? "multiproc"}-${tasks}` : undefined;
  if (file) writeSnapshot(`${file}-main.heapsnapshot`);
  if (contender) {
    const heaps = await contender.probe(forceGc, file);
    s.workerHeaps = heaps.map((h) => h.heapUsed);
    s.workerHeapTotals = heaps.map((h) => h.heapTotal);
    s.workerExternals = heaps.map((h) => h.external);
  }
  if (forceGc && collectGarbage()) {
    const after = usage();
    s.gcRss = after.rss;
    s.gcHeapUsed = after.heapUsed;
    s.gcHeapTotal = after.heapTotal;
    s.gcSpaces = heapSpaces();
  }
  emit(s);
  return s;
}

const version = deno ? deno.version.deno : bun ? bun.version : process.versions.node;
emit({ label: "meta", runtime, version, mode: String(mode), total, wave, every, forceGc, canCollect });

await sample("start", 0);
// The Pool checks the kind: a wrong one ends the soak with its InvalidArgumentError.
const kind = (opts.kind ?? "thread") as "thread" | "process";
const contender = opts.contender === "raw" ? await raw() : await multiproc(kind);
let peak = (await sample("ready", 0, contender, true)).rss;

let done = 0;
while (done < total) {
  const n = Math.min(wave, total - done);
  const first = done;
  const results =
    mode === "map"
      ? await contender.map(Array.from({ length: n }, (_, i) => first + i))
      : await Promise.all(Array.from({ length: n }, (_, i) => contender.apply(first + i, 1)));
  // Every task must have run: a soak that silently drops work would measure nothing.
  if (results.length !== n || results[n - 1] !== first + n) throw new Error(`wrong results at ${first}`);
  done += n;
  peak = Math.max(peak, usage().rss);
  if (done % every === 0 || done === total) await sample("tasks", done, contender, done === total);
}

// Idle with the pool alive: does the runtime give the memory back once the load stops? No probe
// here: on Deno and Bun idle thread workers end after a second, and a probe would start new ones.
await new Promise((resolve) => setTimeout(resolve, idleMs));
await sample("idle", done);
await contender.stop();
await new Promise((resolve) => setTimeout(resolve, idleMs));
const end = await sample("end", done);
emit({ label: "peak", sampledRss: Math.max(peak, end.rss), vmHwm: peakRss() });
