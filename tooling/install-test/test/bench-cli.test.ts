// multiproc-bench installed from its tarball in the plain npm project, run as a user runs it
// (node_modules/.bin/multiproc-bench under Node 20) on the sample task module in fixtures/user-app/
// bench (TypeScript: Node 20 through tsx, Deno and Bun as it is): one small run on Node, Deno and
// Bun, both kinds, every mode, with Python's multiprocessing beside them (tasks.py), its JSON
// checked for shape and plausibility and its HTML report in headless Chromium; the command
// launched from Deno and from Bun; SIGTERM to a running one; then each bad input.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { binaryVersion, type Runtime, runtimes } from "@multiproc/runtimes";
import { describe, expect, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { alive, commandOf, descendants, groupMembers } from "./support/process-tree.ts";
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
const CHROMIUM = "/usr/bin/chromium";
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
  const html = join(benchDir, "out.html");
  const run = bench(
    [
      ...["--module", "./tasks.ts", "--task", "spin", "--input", "items.json", "--workers", "2"],
      ...["--repetitions", "2", "--warmup", "1", "--json", json, "--html", html, ...paths()],
      ...["--python", "tasks.py:spin"],
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
    expect(outcome.stdout).toMatch(/Python 3\.\d+\.\d+ +process +map ×2/);
    expect(outcome.stderr).toMatch(/\[\s*\d+\/75\] warm-up Node main-thread loop/); // the progress lines
    const report = JSON.parse(await readFile(json, "utf8"));
    expect(report).toMatchObject({
      schema: "multiproc-bench/1",
      settings: {
        ...{ task: "spin", source: "input", items: 6, workers: [2], repetitions: 2, warmup: 1 },
        python: "tasks.py:spin",
      },
      machine: { cpus: expect.any(Number) },
    });
    expect(report.runtimes.map((r: { id: string; status: string }) => `${r.id}:${r.status}`)).toEqual([
      "node:used",
      "deno:used",
      "bun:used",
      "python:used",
    ]);
    const cells: Cell[] = report.cells;
    // per JS runtime: main, then 2 kinds × (map, imap, process); Python: main, then processes only
    expect(cells).toHaveLength(25);
    expect(cells.filter((c) => c.runtime === "python").map((c) => c.id)).toEqual([
      "python/main",
      "python/map/process/2",
      "python/imap/process/2",
      "python/process/process/2",
    ]);
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
      // a runtime's own process is tens of MiB (python3 about ten); a tree of a few of them stays well under 2 GiB
      expect(c.peakRssMiB?.median, c.id).toBeGreaterThan(5);
      expect(c.peakRssMiB?.max, c.id).toBeLessThan(2048);
      if ((c.mode === "map" || c.mode === "imap") && c.runtime !== "python") {
        expect(c.stats, c.id).toMatchObject({ failed: 0 });
        expect(c.stats?.completed, c.id).toBeGreaterThanOrEqual(1);
      } else expect(c.stats, c.id).toBeNull();
    }
    // two worker processes and their parent hold more than the parent's own loop alone
    for (const runtime of ["node", "deno", "bun", "python"]) {
      const main = cells.find((c) => c.id === `${runtime}/main`);
      const processes = cells.find((c) => c.id === `${runtime}/map/process/2`);
      expect(processes?.peakRssMiB?.median, runtime).toBeGreaterThan(
        main?.peakRssMiB?.median ?? Number.POSITIVE_INFINITY,
      );
    }
    expect(report.noise).toBeGreaterThanOrEqual(0);
    const topics = new Set(report.verdicts.map((v: { topic: string }) => v.topic));
    for (const topic of ["runtimes", "kinds", "process-vs-pool", "main", "python"])
      expect(topics).toContain(topic);
    expect(report.verdicts.filter((v: { topic: string }) => v.topic === "python")).toHaveLength(3);
    for (const v of report.verdicts) {
      expect(v.ratio).toBeGreaterThanOrEqual(1);
      expect(v.tie).toBe(v.ratio - 1 <= v.noise);
      expect(outcome.stdout).toContain(`- ${v.text}`);
    }
  }, 300_000);

  it.skipIf(!existsSync(CHROMIUM))(
    `writes an HTML report whose charts render in headless Chromium${existsSync(CHROMIUM) ? "" : ` (skipped: no Chromium at ${CHROMIUM})`}`,
    async () => {
      expect((await run).code).toBe(0);
      const report = JSON.parse(await readFile(json, "utf8"));
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        const requests: string[] = [];
        page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
        page.on("pageerror", (e) => problems.push(e.message));
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(html).href);
        expect(await page.title()).toBe("multiproc-bench: spin × 6 item(s)");
        const charts = page.locator("svg.chart");
        expect(await charts.evaluateAll((s) => s.map((svg) => svg.getAttribute("data-mode")))).toEqual([
          "map",
          "imap",
          "process",
          "main",
        ]);
        for (const svg of await charts.all()) {
          expect(await svg.locator(":scope > title").textContent()).toMatch(/items per second/);
          expect((await svg.boundingBox())?.height).toBeGreaterThan(30);
        }
        // a bar per cell, titled with its figures
        expect(await page.locator("svg.chart g.cell").count()).toBe(report.cells.length);
        const python = page.locator('g.cell[data-id="python/map/process/2"] title');
        expect(await python.textContent()).toMatch(/^Python processes map ×2: [\d.,]+ items\/s \(median /);
        expect(await page.locator(".verdicts li").count()).toBe(report.verdicts.length);
        expect(await page.locator(".noise").textContent()).toMatch(/Noise of this run: ±\d+%/);
        expect(requests).toEqual([pathToFileURL(html).href]);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});

describe.concurrent("multiproc-bench launched from Deno and from Bun", () => {
  // The installed command's own file, run by the other runtimes; Node's cells still run on Node (from PATH).
  const script = join(userProject, "node_modules", "@multiproc", "bench", "bin", "multiproc-bench.js");
  for (const [launcher, argv] of [
    ["deno", ["run", "-A", "--no-lock", script]],
    ["bun", [script]],
  ] as const) {
    it(`${launcher} runs it: every runtime measured, the report written`, async () => {
      const json = join(benchDir, `from-${launcher}.json`);
      const outcome = await runCommand(
        realBinary(find(launcher)),
        [
          ...argv,
          ...["--module", "./tasks.ts", "--task", "spin", "--input", "items.json", "--workers", "2"],
          ...["--modes", "map", "--kinds", "thread", "--repetitions", "1", "--warmup", "0"],
          ...["--json", json, ...paths()],
        ],
        { cwd: benchDir, env: cleanEnv(), timeoutMs: 120_000 },
      );
      expect(outcome.code, describeOutcome(outcome)).toBe(0);
      const report = JSON.parse(await readFile(json, "utf8"));
      const versions = Object.fromEntries(
        report.runtimes.map((r: { id: string; version: string }) => [r.id, r.version]),
      );
      // Node is the Node on PATH, not the runtime that launched the command
      expect(versions.node).toBe(binaryVersion(node20));
      expect(versions.deno).toBe(binaryVersion(find("deno")));
      expect(versions.bun).toBe(binaryVersion(find("bun")));
      expect(report.cells.map((c: Cell) => c.id)).toEqual([
        "node/map/thread/2",
        "deno/map/thread/2",
        "bun/map/thread/2",
      ]);
      for (const c of report.cells as Cell[]) expect(c.ms?.median, c.id).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe.concurrent("SIGTERM to a running multiproc-bench", () => {
  const js = ["--task", "sleepy", "--runtimes", "node", "--kinds", "process"];
  // Python's pool workers outlive a killed parent: the tree must be ended, not only the child.
  // (Node is made missing, so that Python's cells are the only ones and run at once.)
  const python = ["--task", "spin", "--runtimes", "node", "--runtime-path", "node=/nowhere/node"];
  python.push("--python", "tasks.py:sleepy");
  const script = join(userProject, "node_modules", "@multiproc", "bench", "bin", "multiproc-bench.js");
  // Each launcher's signal handling: Node (as npx runs it), Deno and Bun.
  const cases: [string, string, string[], string[]][] = [
    ["JS worker processes", "node", [script], js],
    ["Python's Pool", "node", [script], python],
    ["Python's Pool", "deno", ["run", "-A", "--no-lock", script], python],
    ["JS worker processes", "bun", [script], js],
  ];
  for (const [what, launcher, argv, args] of cases) {
    it(`ends the run and its workers (${what}, launched from ${launcher}), exits non-zero with a short message`, async () => {
      const child = spawn(
        launcher === "node" ? node20.binary : realBinary(find(launcher)),
        [
          ...argv,
          ...["--module", "./tasks.ts", "--input", "sleeps.json", "--modes", "map", "--workers", "2"],
          ...["--repetitions", "1", "--warmup", "0", ...args],
        ],
        { cwd: benchDir, env: cleanEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] },
      );
      const pid = child.pid as number;
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.stdout.resume();
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      try {
        // the measuring child (its spec says "op":"run": the checks before it start processes
        // too) and at least its two workers
        let tree: number[] = [];
        const measuring = () => tree.some((p) => commandOf(p).includes('"op":"run"'));
        for (let waited = 0; tree.length < 3 || !measuring(); waited += 100) {
          if (waited > 60_000) throw new Error(`no workers after 60 s:\n${stderr}`);
          await new Promise((r) => setTimeout(r, 100));
          tree = descendants(pid);
        }
        tree = descendants(pid);
        process.kill(pid, "SIGTERM");
        expect(await exited).toBe(143);
        expect(stderr).toMatch(/multiproc-bench: stopped by SIGTERM/);
        // SIGKILL takes a moment to end a process on a busy machine: allow it two seconds
        const leftovers = () => tree.some(alive) || groupMembers(pid).length > 0;
        for (let waited = 0; leftovers() && waited < 2_000; waited += 50) {
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(tree.filter(alive).map(commandOf)).toEqual([]);
        // nor any other process it started (its group: killed ones may linger as zombies, not counted)
        expect(groupMembers(pid).map(commandOf)).toEqual([]);
      } finally {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // nothing left
        }
      }
    }, 90_000);
  }
});

describe.concurrent("multiproc-bench refuses bad input with a clear message and a non-zero exit", () => {
  const quick = ["--runtimes", "node", "--modes", "main", "--repetitions", "1", "--warmup", "0"];
  /** tasks.ts's `spin` over 3 items, with `extra` options. */
  const spin = (...extra: string[]) =>
    bench(["--module", "./tasks.ts", "--task", "spin", "--range", "3", ...extra]);

  it("a module that is not there", async () => {
    const outcome = await bench(["--module", "./nope.ts", "--task", "spin", "--range", "3", ...quick]);
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toMatch(/--module \.\/nope\.ts: no such file/);
  });

  it("a task name that is not an export, with the exports listed", async () => {
    const outcome = await bench(["--module", "./tasks.ts", "--task", "resize", "--range", "3", ...quick]);
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toContain(
      '--task resize: ./tasks.ts has no function export "resize"; its function exports: fails, sleepy, spin',
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
      ...["--python", "tasks.py:spin", "--runtime-path", "python=/nowhere/python3"],
    ]);
    expect(outcome.code, describeOutcome(outcome)).toBe(0);
    expect(outcome.stderr).toContain("! Bun: skipped: --runtime-path bun=/nowhere/bun: no such file");
    expect(outcome.stderr).toContain(
      "! Python: skipped: --runtime-path python=/nowhere/python3: no such file",
    );
    expect(outcome.stdout).toMatch(/Node 20\.\d+\.\d+ +- +main-thread loop/);
  });

  it("--python: a .py file that is not there", async () => {
    const outcome = await spin(...quick, "--python", "nope.py:spin");
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toMatch(/--python nope\.py:spin: no such file nope\.py/);
  });

  it("--python: a function that is not in the file, with its functions listed", async () => {
    const outcome = await spin(...quick, "--python", "tasks.py:resize");
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toContain(
      '--python tasks.py:resize: no function "resize" in it; its functions: fails, sleepy, spin',
    );
  });

  it("a Python task that throws: the first error and its item", async () => {
    const outcome = await bench([
      ...["--module", "./tasks.ts", "--task", "fails", "--range", "6", "--runtimes", "node"],
      ...["--runtime-path", "node=/nowhere/node", "--python", "tasks.py:fails"],
      ...["--modes", "map", "--workers", "2", "--repetitions", "1"],
    ]);
    expect(outcome.code, describeOutcome(outcome)).toBe(1);
    expect(outcome.stderr).toMatch(
      /the task threw on Python processes map ×2, at item 3 \(arguments \[3\]\):\n {2}ValueError: item 3 is bad/,
    );
  });

  it("an option value that is not allowed", async () => {
    const outcome = await spin("--kinds", "fiber");
    expect(outcome.code, describeOutcome(outcome)).toBe(2);
    expect(outcome.stderr).toContain("--kinds: fiber is not one of thread, process");
  });
});
