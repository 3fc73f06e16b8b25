// The measuring child of a "map of documents" row: one pool of 2 workers of the row's kind maps
// the same documents with the default chunks and with each fixed chunksize, in rotating order,
// `repeats` times; it reports each variant's median time (ms) of this run.

import { taskModule, WORKERS } from "../contenders/contender.ts";
import { adapter } from "../contenders/multiproc.ts";
import type { Sizes } from "../measure-run.ts";
import type { Measured } from "../measured.ts";
import { median } from "../stats.ts";
import { makeDocuments } from "../tasks/documents.ts";
import { variants } from "./chunk-plan.ts";

type BenchTasks = typeof import("../tasks/bench-tasks.ts");

export async function measure(kind: string, sizes: Sizes): Promise<Omit<Measured, "version">> {
  const { Pool } = await adapter();
  const docs = makeDocuments(sizes.mapItems);
  const pool = new Pool<BenchTasks>({
    module: taskModule,
    workers: WORKERS,
    kind: kind as "thread" | "process",
  });
  try {
    // Warm-up, not counted: both workers started, the renderer compiled on each.
    await pool.map("renderPage", docs.slice(0, 400), { chunksize: 10 });
    const runs = variants(docs.length, WORKERS);
    const times = new Map<string, number[]>(runs.map((v) => [v.name, []]));
    // Each repeat starts one variant further on; the first at random, so rounds differ too.
    const offset = Math.floor(Math.random() * runs.length);
    for (let r = 0; r < sizes.repeats; r++) {
      const k = (offset + r) % runs.length;
      for (const v of [...runs.slice(k), ...runs.slice(0, k)]) {
        const t = performance.now();
        const out = await pool.map(
          "renderPage",
          docs,
          v.chunksize === undefined ? {} : { chunksize: v.chunksize },
        );
        times.get(v.name)?.push(performance.now() - t);
        if (out.length !== docs.length) throw new Error(`map returned ${out.length} of ${docs.length} pages`);
      }
    }
    return { chunkSweepMs: Object.fromEntries([...times].map(([name, xs]) => [name, median(xs)])) };
  } finally {
    await pool.terminate();
  }
}
