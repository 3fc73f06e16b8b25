// runBench, the engine as a program calls it: two workloads and an external program measured in
// the same rounds on Node, each workload's own settings and round count kept. Shapes and
// plausibility only; no timing is asserted.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { BenchRun } from "../src/index.ts";

// The built entry: the engine starts its child program from dist/ (turbo builds before it tests).
const { RESULT_PREFIX, runBench }: typeof import("../src/index.ts") = await import(
  new URL("../dist/index.js", import.meta.url).href
);

const tasks = fileURLToPath(new URL("./fixtures/readme/tasks.js", import.meta.url));
const cwd = fileURLToPath(new URL("..", import.meta.url));

// An external program: it times nothing real and says so in the engine's result line.
const dir = mkdtempSync(join(tmpdir(), "multiproc-run-bench-"));
const external = join(dir, "external.mjs");
writeFileSync(
  external,
  `console.log(${JSON.stringify(RESULT_PREFIX)} + JSON.stringify({ ok: true, ms: 7.5, stats: null, ownPeakKiB: null }));\n`,
);

describe("runBench", () => {
  const progress: string[] = [];
  let run: BenchRun;

  it("measures every workload's settings and the external cells, in rounds", async () => {
    run = await runBench({
      runtimes: [{ id: "node", path: process.execPath, key: "node20" }],
      workloads: [
        {
          name: "small",
          module: tasks,
          task: "countPrimes",
          calls: [[1000], [2000], [3000]],
          settings: [
            { mode: "main" },
            { mode: "map", kind: "thread", workers: 2, concurrency: 2, chunksize: 1, name: "pool" },
          ],
        },
        {
          name: "once",
          module: tasks,
          task: "countPrimes",
          calls: [[500]],
          settings: [{ mode: "process", kind: "process", workers: 1 }],
          repetitions: 1,
        },
      ],
      external: [
        {
          workload: "small",
          runtime: "node",
          key: "outside",
          binary: process.execPath,
          version: process.versions.node,
          argv: [external],
          setting: { mode: "map", kind: "process", workers: 1, name: "external" },
          items: 3,
        },
      ],
      repetitions: 2,
      cwd,
      onProgress: (done, total, text) => progress.push(`${done}/${total} ${text}`),
    });
    expect(run.cells.map((c) => c.id)).toEqual([
      "node20/small/main",
      "node20/small/pool",
      "node20/once/process/process/1",
      "outside/small/external",
    ]);
    for (const cell of run.cells) expect(cell.error).toBeUndefined();
    // Two rounds for each cell, but one for the workload that asked for one.
    expect(run.cells.map((c) => c.runsMs.length)).toEqual([2, 2, 1, 2]);
    const [main, pool, once, outside] = run.cells;
    expect(main).toMatchObject({ workload: "small", key: "node20", mode: "main", kind: null, items: 3 });
    expect(pool).toMatchObject({ kind: "thread", workers: 2, setting: { concurrency: 2 } });
    // The pool's own stats came back: every call completed, through the concurrency asked.
    expect(pool?.stats).toMatchObject({ completed: 3 });
    expect(pool?.speedUp).toBeGreaterThan(0);
    expect(once).toMatchObject({ workload: "once", items: 1, speedUp: null });
    expect(outside?.ms).toEqual({ median: 7.5, min: 7.5, max: 7.5 });
    expect(run.runtimes).toMatchObject([{ id: "node", status: "used", version: process.versions.node }]);
    expect(progress).toHaveLength(7);
    expect(progress[6]).toMatch(/^7\/7 outside\/small\/external: 7\.5 ms/);
  }, 120_000);

  it("names the runtime that cannot find the task, before measuring anything", async () => {
    const failure = runBench({
      runtimes: [{ id: "node", path: process.execPath }],
      workloads: [{ name: "w", module: tasks, task: "nope", calls: [[1]], settings: [{ mode: "main" }] }],
      repetitions: 1,
      cwd,
      onProgress: () => progress.push("ran"),
    });
    await expect(failure).rejects.toThrow(/has no function export "nope"; its function exports: countPrimes/);
    expect(progress).not.toContain("ran");
  }, 60_000);
});
