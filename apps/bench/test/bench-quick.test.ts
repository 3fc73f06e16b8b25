// A smoke run of `pnpm bench --quick` (every runtime, kind and contender, few tasks, one round):
// the command cannot silently break, every row produces numbers, and the JSON and the page have
// their shape. No timing is asserted: the figures of a quick run mean nothing.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { redisMissing } from "../src/bullmq/redis.ts";
import { CHUNKS_SECTION } from "../src/chunks/chunk-plan.ts";
import type { BenchResults } from "../src/results.ts";

const noRedis = redisMissing();

const run = promisify(execFile);
// The built entry, as `pnpm bench` runs it (turbo builds before it tests).
const bench = fileURLToPath(new URL("../dist/run.js", import.meta.url));
if (!existsSync(bench)) throw new Error(`${bench} is missing: build apps/bench first (pnpm build)`);
const out = mkdtempSync(join(tmpdir(), "multiproc-bench-test-"));
const json = join(out, "bench.json");
const page = join(out, "benchmarks.md");
// A note written by hand under "What limits it" must survive the page being rewritten.
writeFileSync(page, "<!-- limit:burst/node -->\nThe note the lead wrote.\n<!-- /limit -->\n");

describe("pnpm bench's options", () => {
  it("refuses an unknown runtime or kind, or a count that is not one, saying which, with exit code 2", async () => {
    for (const [args, message] of [
      [["--runtimes", "node,cobol"], 'unknown runtime "cobol"; known: node, deno, bun, python'],
      [["--kinds", "fiber"], 'unknown kind "fiber"; known: thread, process, bullmq'],
      [["--rounds", "two"], "not a positive integer: two"],
      [["--sources", "core,gpu"], 'unknown source "gpu"; known: core, chunks, bullmq'],
      [["--only", "burst"], 'unknown --only "burst"; known: start'],
    ] as const) {
      const failed = await run(process.execPath, [bench, ...args]).catch((error: unknown) => error);
      expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining(message) });
      expect(failed).toMatchObject({ stderr: expect.stringContaining("--help") });
    }
  }, 60_000); // five starts of node: seconds on a loaded machine
});

describe("pnpm bench --only start", () => {
  it("measures only the Process start, of the floor's and multiproc's rows", async () => {
    const startJson = join(out, "start.json");
    const args = [
      "--only",
      "start",
      "--runtimes",
      "node",
      "--kinds",
      "thread",
      "--rounds",
      "1",
      "--repeats",
      "1",
    ];
    const { stderr } = await run(process.execPath, [bench, ...args, "--json", startJson], {
      timeout: 110_000,
    });
    expect(stderr).toMatch(/node\/thread\/multiproc .*Process start [\d.]+ ms/);
    const results: BenchResults = JSON.parse(readFileSync(startJson, "utf8"));
    expect(results.settings.only).toBe("start");
    expect(results.rows.map((r) => r.id)).toEqual(["node/thread/raw", "node/thread/multiproc"]);
    for (const row of results.rows) {
      expect(row.median.processStartMs, row.id).toBeGreaterThan(0);
      expect(row.median.burstPerSec, row.id).toBeUndefined();
      expect(row.median.mapObjectsPerSec, row.id).toBeUndefined();
    }
  }, 120_000);
});

describe("pnpm bench --sources", () => {
  it("runs only the rows of the sources named: --sources chunks, the map of documents alone", async () => {
    const only = join(out, "chunks-only.json");
    const args = ["--quick", "--sources", "chunks", "--runtimes", "node", "--kinds", "thread"];
    await run(process.execPath, [bench, ...args, "--json", only, "--no-docs"], { timeout: 120_000 });
    const results: BenchResults = JSON.parse(readFileSync(only, "utf8"));
    expect(results.rows.map((r) => r.id)).toEqual(["node/thread/map-chunks"]);
    expect(results.sections?.map((s) => s.title)).toEqual([CHUNKS_SECTION]);
  }, 130_000);
});

describe("pnpm bench --quick", () => {
  const smoke = run(process.execPath, [bench, "--quick", "--json", json, "--docs", page], {
    timeout: 170_000,
    maxBuffer: 10 * 1024 * 1024,
  });

  it("runs every row and prints the table, the targets and its progress", async () => {
    const { stdout, stderr } = await smoke;
    expect(stderr).toMatch(/\[\s*1\/\d+\] round 1\/1 node\/thread\/raw/);
    expect(stdout).toMatch(/runtime\s+kind\s+contender\s+burst tasks\/s/);
    expect(stdout).toMatch(/round-trip\/node/);
  }, 180_000);

  it("writes JSON in which every row has numbers for what it measures", async () => {
    await smoke;
    const results: BenchResults = JSON.parse(readFileSync(json, "utf8"));
    expect(results).toMatchObject({ schema: 1, quick: true, settings: { rounds: 1, workers: 2 } });
    expect(results.machine.cores).toBeGreaterThan(0);
    for (const runtime of ["node", "deno", "bun", "python"])
      expect(results.versions[runtime]).toMatch(/^\d+\./);

    const ids = results.rows.map((r) => r.id);
    for (const runtime of ["node", "deno", "bun"]) {
      for (const kind of ["thread", "process"]) {
        expect(ids).toContain(`${runtime}/${kind}/raw`);
        expect(ids).toContain(`${runtime}/${kind}/multiproc`);
      }
    }
    expect(ids).toEqual(expect.arrayContaining(["node/thread/tinypool", "node/thread/piscina"]));
    expect(ids).toContain("python/process/multiprocessing");

    // The BullMQ rows have their own section, checked below.
    for (const row of results.rows.filter((r) => r.section === undefined)) {
      expect({ id: row.id, errors: row.errors }).toEqual({ id: row.id, errors: [] });
      const numbers = ["burstPerSec", "tripMedianUs", "tripP99Us", "readyMs"] as const;
      for (const m of numbers) expect(row.median[m], `${row.id} ${m}`).toBeGreaterThan(0);
      // map: multiproc on either engine, and Python; tinypool, piscina and the floors have none.
      const maps = row.role !== "floor" && /multiproc/.test(row.id);
      expect(row.median.mapNumbersPerSec !== undefined, `${row.id} map`).toBe(maps);
      expect(row.median.mapObjectsPerSec !== undefined, `${row.id} map objects`).toBe(maps);
      const starts = row.role !== "other";
      expect(row.median.processStartMs !== undefined, `${row.id} Process start`).toBe(starts);
      if (row.role === "multiproc") {
        expect(row.vsFloor.burstPerSec).toBeGreaterThan(0);
        expect(row.vsFloor.tripMedianUs).toBeGreaterThan(0);
        expect(row.vsPython.mapObjectsPerSec).toBeGreaterThan(0);
      }
    }
    // Every target of #13 is checked, each on a ratio measured in this run.
    expect(results.targets.length).toBeGreaterThanOrEqual(16);
    for (const t of results.targets) expect(t.measured, t.id).toBeGreaterThan(0);
  }, 180_000);

  it("writes the page: machine, versions, table, targets, and keeps the notes already written", async () => {
    await smoke;
    const text = readFileSync(page, "utf8");
    expect(text).toMatch(/\*\*Machine\*\*: .+, \d+ cores, [\d.]+ GiB RAM/);
    expect(text).toMatch(/\*\*Runtimes\*\*: node \d+\.\d+\.\d+, deno \d+/);
    expect(text).toMatch(/\| Node [\d.]+ \| thread \| multiproc \|/);
    expect(text).toMatch(/## Targets \(issue #13\)/);
    expect(text).toMatch(/## What limits it/);
    const results: BenchResults = JSON.parse(readFileSync(json, "utf8"));
    if (results.targets.find((t) => t.id === "burst/node")?.pass === false) {
      expect(text).toContain("<!-- limit:burst/node -->\nThe note the lead wrote.\n<!-- /limit -->");
    }
    for (const missed of results.targets.filter((t) => t.pass === false && t.id !== "burst/node")) {
      expect(text).toMatch(new RegExp(`<!-- limit:${missed.id} -->\\n> \\*\\*PLACEHOLDER\\*\\*`));
    }
  }, 180_000);
  it("--report writes the page from a JSON without measuring: to --docs, or with --no-docs to stdout, touching no file", async () => {
    await smoke;
    const repoPage = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));
    const [before, repoBefore] = [readFileSync(page, "utf8"), readFileSync(repoPage, "utf8")];
    const { stdout } = await run(process.execPath, [bench, "--report", json, "--no-docs"]);
    expect(stdout).toMatch(/^# Benchmarks\n/);
    expect(stdout).toMatch(/\| Node [\d.]+ \| thread \| multiproc \|/);
    // --no-docs: no page written, not even the repository's
    expect([readFileSync(page, "utf8"), readFileSync(repoPage, "utf8")]).toEqual([before, repoBefore]);
    const other = join(out, "report.md");
    const { stdout: quiet } = await run(process.execPath, [bench, "--report", json, "--docs", other]);
    expect(quiet).toBe("");
    expect(readFileSync(other, "utf8")).toMatch(/^# Benchmarks\n/);
    // Sections are worked out again from the rows, not copied from the JSON: a page regenerated
    // by a newer report says what that report says.
    const stored: BenchResults = JSON.parse(readFileSync(json, "utf8"));
    for (const section of stored.sections ?? []) section.markdown = "a stale section";
    const staleJson = join(out, "stale-sections.json");
    writeFileSync(staleJson, JSON.stringify(stored));
    const { stdout: fresh } = await run(process.execPath, [bench, "--report", staleJson, "--no-docs"]);
    expect(fresh).not.toContain("a stale section");
    expect(fresh).toContain(`## ${CHUNKS_SECTION}\n\nA workload of short jobs`);
  }, 60_000);

  it("maps the documents with the default chunks and each fixed chunksize, on every runtime and kind, and checks the default against the best", async () => {
    const { stdout } = await smoke;
    const results: BenchResults = JSON.parse(readFileSync(json, "utf8"));
    const section = results.sections?.find((s) => s.title === CHUNKS_SECTION);
    const ids: string[] = [];
    for (const runtime of ["node", "deno", "bun"]) {
      for (const kind of ["thread", "process"]) {
        const row = results.rows.find((r) => r.id === `${runtime}/${kind}/map-chunks`);
        expect(row, `${runtime}/${kind}`).toMatchObject({ section: CHUNKS_SECTION, errors: [] });
        // 600 documents (--quick): the default, 10, 25, 50, 100, 250 and Python's 75.
        const sweep = row?.rounds[0]?.[0]?.chunkSweepMs ?? {};
        expect(Object.keys(sweep).sort()).toEqual(["10", "100", "25", "250", "50", "75", "default"]);
        for (const ms of Object.values(sweep)) expect(ms).toBeGreaterThan(0);
        ids.push(`chunks/${runtime}-${kind}`);
      }
    }
    expect(section?.checks.map((c) => c.id)).toEqual(ids);
    for (const check of section?.checks ?? []) {
      expect(check).toMatchObject({ bound: "≤ 1.05×", unit: "×", pass: expect.any(Boolean) });
      expect(check.measured, check.id).toBeGreaterThan(0);
    }
    expect(stdout).toContain(`${CHUNKS_SECTION}:\n`);
    const text = readFileSync(page, "utf8");
    expect(text).toContain(`## ${CHUNKS_SECTION}`);
    expect(text).toMatch(/\| Node [\d.]+ \| thread \| [\d.]+ \| \d+ \([\d.]+ ms\) \| [\d.]+× \|/);
    // In their section only, not in the main table.
    expect(stdout).not.toMatch(/map of documents\s+[\d.]+k/);
  }, 180_000);

  // The BullMQ rows start their own redis-server: without one they are left out of the run.
  describe.skipIf(noRedis !== undefined)(`BullMQ rows${noRedis ? ` (skipped: ${noRedis})` : ""}`, () => {
    const ids = ["node/bullmq/1-agent", "node/bullmq/2-agents", "node/bullmq/4-agents"];
    const rawIds = ["node/bullmq/raw-1", "node/bullmq/raw-2", "node/bullmq/raw-4"];

    it("measures the round trip, tiny tasks with 1, 2 and 4 agents, and map, each through its own Redis", async () => {
      const { stdout } = await smoke;
      const results: BenchResults = JSON.parse(readFileSync(json, "utf8"));
      for (const id of ids) {
        const row = results.rows.find((r) => r.id === id);
        expect(row, id).toMatchObject({
          runtime: "node",
          role: "multiproc",
          section: "BullMQ (across hosts)",
          errors: [],
        });
        for (const m of [
          "burstPerSec",
          "tripMedianUs",
          "tripP99Us",
          "mapNumbersPerSec",
          "mapObjectsPerSec",
        ] as const)
          expect(row?.median[m], `${id} ${m}`).toBeGreaterThan(0);
        expect(row?.median.processStartMs, `${id} has no Process`).toBeUndefined();
      }
      // Raw BullMQ beside each: tiny tasks and round trips, no map; the ratio is to it.
      for (const [i, id] of rawIds.entries()) {
        const row = results.rows.find((r) => r.id === id);
        expect(row, id).toMatchObject({
          runtime: "node",
          role: "floor",
          section: "BullMQ (across hosts)",
          errors: [],
        });
        for (const m of ["burstPerSec", "tripMedianUs", "tripP99Us"] as const)
          expect(row?.median[m], `${id} ${m}`).toBeGreaterThan(0);
        expect(row?.median.mapNumbersPerSec, `${id} has no map`).toBeUndefined();
        const multiproc = results.rows.find((r) => r.id === ids[i]);
        expect(multiproc?.floor).toBe(id);
        expect(multiproc?.vsFloor.burstPerSec).toBeGreaterThan(0);
      }
      const section = results.sections?.find((s) => s.title === "BullMQ (across hosts)");
      expect(section?.checks.map((c) => c.id)).toEqual([
        "bullmq-trip-p50",
        "bullmq-trip-p99",
        "bullmq-tiny-1",
        "bullmq-tiny-2",
        "bullmq-tiny-4",
        "bullmq-vs-raw-1",
        "bullmq-vs-raw-2",
        "bullmq-vs-raw-4",
        "bullmq-map",
      ]);
      for (const check of section?.checks ?? []) expect(check.measured, check.id).toBeGreaterThan(0);
      expect(section?.checks.at(-1)).toMatchObject({ bound: "≥ 100,000 items/s", pass: expect.any(Boolean) });
      expect(section?.checks.find((c) => c.id === "bullmq-vs-raw-1")).toMatchObject({
        bound: "≥ 1×",
        pass: expect.any(Boolean),
      });
      expect(stdout).toMatch(/BullMQ \(across hosts\):\n. bullmq-trip-p50 /);
      // In their section only, not in the main table.
      expect(stdout).not.toMatch(/^Node \S+\s+bullmq/m);
    }, 180_000);

    it("writes the BullMQ section of the page: its table and its targets with pass or miss", async () => {
      await smoke;
      const text = readFileSync(page, "utf8");
      const section = text.slice(text.indexOf("## BullMQ (across hosts)"));
      expect(text).toContain("## BullMQ (across hosts)");
      // multiproc's burst, raw BullMQ's, their ratio, round trips multiproc / raw, map.
      expect(section).toMatch(
        /\| 1 × 1 \| [\d,]+ \| [\d,]+ \| [\d.]+× \| [\d.]+ \/ [\d.]+ \| [\d.]+ \/ [\d.]+ \| [\d,]+ \| [\d,]+ \|/,
      );
      expect(section).toMatch(/\| 4 × 1 \| /);
      expect(section).toMatch(
        /\| `map` over 10,000 items, chunksize 5000, 2 agents \(issue #14\) \| [\d,]+ items\/s \| ≥ 100,000 items\/s (pass|\*\*miss\*\*) \|/,
      );
      expect(text.slice(0, text.indexOf("## BullMQ"))).not.toMatch(/\| bullmq-\d \|/);
    }, 180_000);
  });
});
