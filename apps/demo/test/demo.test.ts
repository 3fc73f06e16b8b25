// A smoke run of the demo on every runtime (one repetition, small counts), so the README's first
// command cannot silently break: the shape of its rows and claims matrix and the plausibility of
// their figures (no timing is asserted); its HTML report checked in headless Chromium.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Matrix } from "../src/claims.ts";
import type { Row } from "../src/rows.ts";

const run = promisify(execFile);
// The built entry, as `pnpm demo` runs it (turbo builds before it tests).
const demo = fileURLToPath(new URL("../dist/run.js", import.meta.url));
if (!existsSync(demo)) throw new Error(`${demo} is missing: build the demo first (pnpm build)`);
const out = mkdtempSync(join(tmpdir(), "multiproc-demo-test-"));
const small = ["--repetitions", "1", "--memory-tasks", "2", "--memory-mib", "4", "--io-tasks", "4"];
const chromium = "/usr/bin/chromium";

describe("pnpm demo, smoke run", () => {
  const json = join(out, "demo.json");
  const html = join(out, "demo.html");
  const smoke = run(
    process.execPath,
    [demo, ...small, "--runtimes", "node20,node24,deno,bun,python", "--json", json, "--html", html],
    {
      timeout: 240_000,
      maxBuffer: 10 * 1024 * 1024,
    },
  );

  it("runs both programs and every experiment on Node 20, Node 24, Deno, Bun and Python", async () => {
    const { stdout } = await smoke;
    expect(stdout).toMatch(/\[\s*\d+\/\d+\] bun\/memory\/Pool\/thread: [\d.]+ ms, \d+ MiB \(\d+ s left\)/); // live progress lines
    const { rows }: { rows: Row[] } = JSON.parse(readFileSync(json, "utf8"));
    expect(rows.filter((r) => r.error)).toEqual([]);
    const seen = new Set(rows.map((r) => `${r.runtime} ${r.kind} ${r.api} ${r.experiment}`));
    for (const runtime of ["Node", "Deno", "Bun"]) {
      for (const kind of ["thread", "process"]) {
        for (const api of ["Process", "Pool"]) {
          for (const experiment of ["article", "creation", "memory", "io-bound"]) {
            expect(seen).toContain(`${runtime} ${kind} ${api} ${experiment}`);
          }
        }
      }
    }
    expect(seen).toContain("Python process Process article");
    expect(
      new Set(rows.filter((r) => r.runtime === "Node").map((r) => r.runtimeVersion.split(".")[0])),
    ).toEqual(new Set(["20", "24"]));
    for (const r of rows) {
      expect(r.ms?.median).toBeGreaterThan(0);
      expect(r.ms?.median).toBeLessThan(60_000);
      expect(r.ms?.min).toBeLessThanOrEqual(r.ms?.max ?? 0);
      expect(r.repetitions).toBe(1);
      // Each run is a fresh runtime: at least a few MiB resident, and 4 MiB tasks cannot need a GiB each.
      expect(r.peakRssMiB).toBeGreaterThan(5);
      expect(r.peakRssMiB).toBeLessThan(4096);
    }
  }, 240_000);

  it("prints the claims as a matrix: a row per claim, a column per runtime and kind, verdict and figure in each cell", async () => {
    const { stdout } = await smoke;
    const { matrix }: { matrix: Matrix } = JSON.parse(readFileSync(json, "utf8"));
    const jsColumns = ["node20", "node24", "deno", "bun"].flatMap((r) => [`${r}/thread`, `${r}/process`]);
    expect(matrix.columns.map((c) => c.key)).toEqual([...jsColumns, "python/process"]);
    for (const claim of ["article", "creation", "memory", "io", "io-concurrency"] as const) {
      for (const column of matrix.columns) {
        const cell = matrix.cells[claim][column.key];
        // Python's Pool has no per-worker concurrency: that one cell alone is not measured.
        if (claim === "io-concurrency" && column.key === "python/process") {
          expect(cell).toBeNull();
          continue;
        }
        expect(cell?.verdict).toMatch(/^(✓|✗|tie)$/);
        expect(cell?.ratio).toBeGreaterThan(0.01);
        expect(cell?.ratio).toBeLessThan(100);
        // The verdict follows from the figure and the noise.
        const off = Math.max(cell?.ratio ?? 1, 1 / (cell?.ratio ?? 1)) - 1;
        expect(cell?.verdict).toBe(off <= (cell?.noise ?? 0) ? "tie" : (cell?.ratio ?? 0) > 1 ? "✓" : "✗");
      }
    }
    // The same matrix on the terminal: one line per claim, a cell per column.
    const line = stdout.split("\n").find((l) => l.startsWith("2. a Pool costs more to create"));
    expect(line?.match(/(✓|✗|tie) \d+(\.\d+)?×/g)).toHaveLength(matrix.columns.length);
    expect(stdout).toMatch(/^claim +Node 20\.\d+ +Node 20\.\d+ +Node 24\.\d+/m);
  }, 240_000);

  const noChromium = existsSync(chromium) ? "" : " [skipped: no /usr/bin/chromium here; .ci/run installs it]";
  it.skipIf(noChromium !== "")(
    `writes an HTML report whose charts render in headless Chromium${noChromium}`,
    async () => {
      await smoke;
      const { chromium: browserType } = await import("playwright-core");
      const browser = await browserType.launch({
        executablePath: chromium,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(`file://${html}`);
        const charts = await page.locator("svg.chart").count();
        expect(charts).toBeGreaterThanOrEqual(5); // 4 experiments, plus peak RSS
        const widths = await page
          .locator("rect.bar")
          .evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
        expect(widths.length).toBeGreaterThan(40);
        expect(widths.every((w) => w > 0)).toBe(true);
        // Every measured cell of the claims matrix, coloured by its verdict.
        const { matrix }: { matrix: Matrix } = JSON.parse(readFileSync(json, "utf8"));
        const measured = Object.values(matrix.cells).flatMap((row) => Object.values(row).filter(Boolean));
        expect(
          await page
            .locator("table.matrix td.holds, table.matrix td.does-not-hold, table.matrix td.tie")
            .count(),
        ).toBe(measured.length);
        expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]); // self-contained
        await page.screenshot({ path: join(dirname(html), "demo.png"), fullPage: true });
      } finally {
        await browser.close();
      }
    },
    240_000,
  );
});

it("a missing runtime gets one clear line and the rest still runs", async () => {
  const { stdout } = await run(
    process.execPath,
    [demo, ...small, "--experiments", "article", "--runtimes", "node20,python"],
    {
      env: { ...process.env, PATH: pathWithNodeOnly() },
      timeout: 60_000,
    },
  );
  expect(stdout).toContain("! python3 not found: the Python reference rows are left out");
  expect(stdout).toMatch(/Node 20\.\d+\.\d+ +thread +Process/);
  expect(stdout).not.toContain("Python 3");
}, 60_000);

it("runs Python alone, on processes even when --kinds asks for threads only", async () => {
  const json = join(out, "python.json");
  await run(
    process.execPath,
    [demo, ...small, "--experiments", "article", "--runtimes", "python", "--kinds", "thread", "--json", json],
    { timeout: 60_000 },
  );
  const { rows }: { rows: Row[] } = JSON.parse(readFileSync(json, "utf8"));
  expect(rows.map((r) => `${r.runtime} ${r.kind} ${r.api}`)).toEqual([
    "Python process Process",
    "Python process Pool",
  ]);
}, 60_000);

/** A PATH with a `node` and nothing else: no python3 on it. */
function pathWithNodeOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), "multiproc-path-"));
  symlinkSync(process.execPath, join(dir, "node"));
  return dir;
}

it("refuses an unknown option value with a clear message", async () => {
  const error = await run(process.execPath, [demo, "--kinds", "fiber"]).catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect(error).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/--kinds: fiber not one of thread, process/),
  });
});
