// multiproc-bench installed from its tarball in the plain npm project, run as a user runs it
// (node_modules/.bin/multiproc-bench under Node 20) on the sample task module in fixtures/user-app/
// bench (TypeScript: Node 20 through tsx, Deno and Bun as it is): one small run on Node, Deno and
// Bun, both kinds, every mode, its JSON checked for shape and plausibility; then each bad input.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { binaryVersion, type Runtime, runtimes } from "@multiproc/runtimes";
import { describe, expect, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { realBinary } from "./support/real-binary.ts";
import { describeOutcome, type Outcome, runCommand } from "./support/run-command.ts";

const userProject = inject("userProject");
const benchDir = join(userProject, "bench");
const find = (id: string): Runtime => {
  const runtime = runtimes.find((r) => r.id === id);
  if (!runtime || binaryVersion(runtime) === null) throw new Error(`${id}: no binary; run pnpm install`);
  return runtime;
};
const node20 = find("node20");
// The user's shell has no Deno or Bun on PATH here (cleanEnv): they are named, as --runtime-path allows.
const paths = () => [
  "--runtime-path",
  `deno=${realBinary(find("deno"))}`,
  "--runtime-path",
  `bun=${realBinary(find("bun"))}`,
];

function bench(args: string[], timeoutMs = 60_000): Promise<Outcome> {
  const bin = join(userProject, "node_modules", ".bin", "multiproc-bench");
  return runCommand(node20.binary, [bin, ...args], { cwd: benchDir, env: cleanEnv(), timeoutMs });
}

interface Cell {
  id: string;
  runtime: string;
  mode: string;
  kind: string | null;
  workers: number | null;
  items: number;
  runsMs: number[];
  ms: { median: number; min: number; max: number } | null;
  spread: number | null;
  itemsPerSecond: number | null;
  speedUp: number | null;
  peakRssMiB: { median: number; max: number } | null;
  stats: { completed: number; failed: number; workers: { total: number } } | null;
  error?: string;
}

describe("multiproc-bench on Node 20, Deno and Bun, both kinds, every mode", () => {
  const json = join(benchDir, "out.json");
  const run = bench(
    [
      ...["--module", "./tasks.ts", "--task", "spin", "--input", "items.json", "--workers", "2"],
      ...["--repetitions", "2", "--warmup", "1", "--json", json, ...paths()],
    ],
    300_000,
  );

  it("prints a table and verdicts and writes a JSON report of the documented shape", async () => {
    const outcome = await run;
    expect(outcome.code, describeOutcome(outcome)).toBe(0);
    expect(outcome.stdout).toMatch(/Node 20\.\d+\.\d+ +thread +map ×2/);
    expect(outcome.stdout).toMatch(/Deno \d+\.\d+\.\d+ +process +Process per item ×2/);
    expect(outcome.stdout).toMatch(/Bun \d+\.\d+\.\d+ +- +main-thread loop/);
    expect(outcome.stdout).toMatch(/noise of this run: ±\d+%/);
    expect(outcome.stderr).toMatch(/\[\s*\d+\/63\] warm-up Node main-thread loop/); // the progress lines
    const report = JSON.parse(await readFile(json, "utf8"));
    expect(report).toMatchObject({
      schema: "multiproc-bench/1",
      settings: { task: "spin", source: "input", items: 6, workers: [2], repetitions: 2, warmup: 1 },
      machine: { cpus: expect.any(Number) },
    });
    expect(report.runtimes.map((r: { id: string; status: string }) => `${r.id}:${r.status}`)).toEqual([
      "node:used",
      "deno:used",
      "bun:used",
    ]);
    const cells: Cell[] = report.cells;
    // per runtime: main, then 2 kinds × (map, imap, process)
    expect(cells).toHaveLength(21);
    for (const runtime of ["node", "deno", "bun"]) {
      for (const kind of ["thread", "process"]) {
        for (const mode of ["map", "imap", "process"]) {
          expect(cells.map((c) => c.id)).toContain(`${runtime}/${mode}/${kind}/2`);
        }
      }
      expect(cells.map((c) => c.id)).toContain(`${runtime}/main`);
    }
    for (const c of cells) {
      expect(c.error, c.id).toBeUndefined();
      expect(c.runsMs, c.id).toHaveLength(2);
      const ms = c.ms as NonNullable<Cell["ms"]>;
      expect(ms.min, c.id).toBeGreaterThan(0);
      expect(ms.min).toBeLessThanOrEqual(ms.median);
      expect(ms.median).toBeLessThanOrEqual(ms.max);
      expect(ms.max, c.id).toBeLessThan(60_000);
      expect(c.itemsPerSecond, c.id).toBeCloseTo((6 * 1000) / ms.median, 0);
      expect(c.spread, c.id).toBeCloseTo((ms.max - ms.min) / 2 / ms.median, 3);
      const main = cells.find((m) => m.runtime === c.runtime && m.mode === "main");
      expect(c.speedUp, c.id).toBeCloseTo((main?.ms?.median ?? Number.NaN) / ms.median, 2);
      // a runtime's own process is tens of MiB; a tree of a few of them stays well under 2 GiB
      expect(c.peakRssMiB?.median, c.id).toBeGreaterThan(10);
      expect(c.peakRssMiB?.max, c.id).toBeLessThan(2048);
      if (c.mode === "map" || c.mode === "imap") {
        expect(c.stats, c.id).toMatchObject({ failed: 0 });
        expect(c.stats?.completed, c.id).toBeGreaterThanOrEqual(1);
      } else expect(c.stats, c.id).toBeNull();
    }
    // two worker processes and their parent hold more than the parent's own loop alone
    for (const runtime of ["node", "deno", "bun"]) {
      const main = cells.find((c) => c.id === `${runtime}/main`);
      const processes = cells.find((c) => c.id === `${runtime}/map/process/2`);
      expect(processes?.peakRssMiB?.median, runtime).toBeGreaterThan(
        main?.peakRssMiB?.median ?? Number.POSITIVE_INFINITY,
      );
    }
    expect(report.noise).toBeGreaterThanOrEqual(0);
    const topics = new Set(report.verdicts.map((v: { topic: string }) => v.topic));
    for (const topic of ["runtimes", "kinds", "process-vs-pool", "main"]) expect(topics).toContain(topic);
    for (const v of report.verdicts) {
      expect(v.ratio).toBeGreaterThanOrEqual(1);
      expect(v.tie).toBe(v.ratio - 1 <= v.noise);
      expect(outcome.stdout).toContain(`- ${v.text}`);
    }
  }, 300_000);
});

describe.concurrent("multiproc-bench refuses bad input with a clear message and a non-zero exit", () => {
  const quick = ["--runtimes", "node", "--modes", "main", "--repetitions", "1", "--warmup", "0"];

  it("a module that is not there", async () => {
    const outcome = await bench(["--module", "./nope.ts", "--task", "spin", "--range", "3", ...quick]);
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toMatch(/--module \.\/nope\.ts: no such file/);
  });

  it("a task name that is not an export, with the exports listed", async () => {
    const outcome = await bench(["--module", "./tasks.ts", "--task", "resize", "--range", "3", ...quick]);
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toContain(
      '--task resize: ./tasks.ts has no function export "resize"; its function exports: fails, spin',
    );
  });

  it("an --input that is not a JSON array", async () => {
    const outcome = await bench([
      "--module",
      "./tasks.ts",
      "--task",
      "spin",
      "--input",
      "not-an-array.json",
      ...quick,
    ]);
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toContain(
      "--input not-an-array.json must be a JSON array, but it holds an object",
    );
  });

  it("a runtime that cannot load the module: which one, and why", async () => {
    const outcome = await bench([
      ...["--module", "./deno-refuses.mjs", "--task", "square", "--range", "3", "--modes", "main"],
      ...["--runtimes", "node,deno,bun", ...paths()],
    ]);
    expect(outcome.code, describeOutcome(outcome)).toBe(1);
    expect(outcome.stderr).toMatch(
      /Deno \d+\.\d+\.\d+ cannot load the module \.\/deno-refuses\.mjs: Error: this module needs Node or Bun/,
    );
    expect(outcome.stderr).not.toMatch(/(Node|Bun) [\d.]+ cannot load/);
  });

  for (const [runtime, mode, kind] of [
    ["node", "main", "thread"],
    ["bun", "map", "thread"],
    ["deno", "process", "process"],
  ] as const) {
    it(`a task that throws (${runtime}, ${mode}): the first error and its item`, async () => {
      const outcome = await bench([
        ...["--module", "./tasks.ts", "--task", "fails", "--range", "6", "--runtimes", runtime],
        ...["--modes", mode, "--kinds", kind, "--workers", "2", "--repetitions", "1", ...paths()],
      ]);
      expect(outcome.code, describeOutcome(outcome)).toBe(1);
      expect(outcome.stderr).toMatch(
        /the task threw on .*, at item 3 \(arguments \[3\]\):\n {2}RangeError: item 3 is bad/,
      );
    });
  }

  it("a missing runtime is reported and skipped, and the rest runs", async () => {
    const outcome = await bench([
      ...["--module", "./tasks.ts", "--task", "spin", "--range", "2", "--runtimes", "node,bun"],
      ...["--runtime-path", "bun=/nowhere/bun", "--modes", "main", "--repetitions", "1", "--warmup", "0"],
    ]);
    expect(outcome.code, describeOutcome(outcome)).toBe(0);
    expect(outcome.stderr).toContain("! Bun: skipped: --runtime-path bun=/nowhere/bun: no such file");
    expect(outcome.stdout).toMatch(/Node 20\.\d+\.\d+ +- +main-thread loop/);
  });

  it("an option value that is not allowed", async () => {
    const outcome = await bench([
      "--module",
      "./tasks.ts",
      "--task",
      "spin",
      "--range",
      "3",
      "--kinds",
      "fiber",
    ]);
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toContain("--kinds: fiber is not one of thread, process");
  });
});
