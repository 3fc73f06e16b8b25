// The --html report, opened in headless Chromium (/usr/bin/chromium through playwright-core): a
// chart per mode with a bar per cell that has figures, each bar titled, the noise and the verdicts
// shown, user text escaped, nothing fetched and nothing logged to the console.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchOptions } from "../src/options.ts";
import { buildReport } from "../src/report/build.ts";
import { writeHtmlReport } from "../src/report/html.ts";
import type { MeasuredCell } from "../src/summarize.ts";

const CHROMIUM = process.env.MULTIPROC_CHROMIUM ?? "/usr/bin/chromium";
const noChromium = existsSync(CHROMIUM) ? "" : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

function cell(id: string, runsMs: number[], error?: string): MeasuredCell {
  const [runtime, mode, kind, workers] = id.split("/");
  return {
    id,
    runtime: runtime as MeasuredCell["runtime"],
    runtimeLabel: runtime ?? "",
    runtimeVersion: "1.2.3",
    mode: mode as MeasuredCell["mode"],
    kind: (kind ?? null) as MeasuredCell["kind"],
    workers: workers ? Number(workers) : null,
    items: 10,
    runsMs,
    peaks: [40 * 2 ** 20],
    stats: null,
    ...(error ? { error } : {}),
  };
}

const cells = [
  cell("node/main", [100, 110, 90]),
  cell("node/map/thread/2", [60, 70, 50]),
  cell("node/imap/thread/2", [65, 70, 60]),
  cell("node/process/thread/2", [400, 420, 380]),
  cell("bun/map/process/2", [40, 44, 41]),
  cell("bun/imap/process/2", [], "exit code 1: boom"),
  cell("python/main", [900, 950, 880]),
  cell("python/map/process/2", [500, 520, 480]),
  cell("python/process/process/2", [700, 720, 690]),
];

const options = {
  module: "./tasks<1>.js",
  task: "spin&<b>",
  kinds: ["thread", "process"],
  workers: [2],
  modes: ["map", "imap", "process", "main"],
  repetitions: 3,
  warmup: 1,
  python: "tasks.py:spin",
} as BenchOptions;

describe.skipIf(noChromium)(
  `the HTML report in headless Chromium${noChromium && ` (skipped: ${noChromium})`}`,
  () => {
    let browser: Browser;
    const dir = mkdtempSync(join(tmpdir(), "bench-html-"));
    const file = join(dir, "report.html");
    const report = buildReport({
      options,
      items: { source: "range", calls: [], single: true },
      startedAt: new Date(),
      runtimes: [
        {
          id: "node",
          label: "Node",
          status: "used",
          version: "1.2.3",
          binary: "/n",
          adapter: "@multiproc/node",
        },
        {
          id: "deno",
          label: "Deno",
          status: "missing",
          version: null,
          binary: null,
          adapter: null,
          reason: "not on PATH",
        },
      ],
      cells,
    });

    beforeAll(async () => {
      writeHtmlReport(file, report);
      const { chromium } = await import("playwright-core");
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("draws a chart per mode, a titled bar per cell with figures, the noise and the verdicts", async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href);

      expect(await page.title()).toBe("multiproc-bench: spin&<b> × 0 item(s)");
      const charts = page.locator("svg.chart");
      expect(await charts.count()).toBe(4);
      expect(await charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute("data-mode")))).toEqual([
        "map",
        "imap",
        "process",
        "main",
      ]);
      // every chart has a title and is laid out with a real size
      for (const svg of await charts.all()) {
        expect(await svg.locator(":scope > title").textContent()).toMatch(/items per second/);
        const box = await svg.boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.height).toBeGreaterThan(30);
      }
      // one bar per cell with figures: the failed one has none
      const bars = page.locator("svg.chart g.cell");
      expect(await bars.count()).toBe(cells.length - 1);
      expect(await page.locator('g.cell[data-id="bun/imap/process/2"]').count()).toBe(0);
      const bun = page.locator('g.cell[data-id="bun/map/process/2"]');
      expect(await bun.locator("title").textContent()).toBe(
        "Bun processes map ×2: 244 items/s (median 41 ms; rounds 40–44 ms, ±5%)",
      );
      // the fastest cell of a chart has the longest bar, and bars have a drawn width
      const widths = await page
        .locator('svg.chart[data-mode="map"] rect.bar')
        .evaluateAll((rects) =>
          rects.map((r) => (r as unknown as { getBBox(): { width: number } }).getBBox().width),
        );
      expect(widths).toHaveLength(3);
      expect(Math.max(...widths)).toBe(widths[1]); // bun's map, the fastest
      expect(Math.min(...widths)).toBeGreaterThan(0);

      const text = (await page.locator("body").textContent()) ?? "";
      expect(text).toMatch(/Noise of this run: ±\d+%/);
      expect(text).toContain("Deno: skipped: not on PATH");
      expect(text).toContain(
        "On Python processes, a Pool (map ×2) is 1.40× one Process per item (2 at a time)",
      );
      expect(await page.locator(".verdicts li").count()).toBe(report.verdicts.length);
      expect(await page.locator(".verdicts li.tie").count()).toBe(
        report.verdicts.filter((v) => v.tie).length,
      );
      expect(await page.locator("table.cells tbody tr").count()).toBe(cells.length);
      expect(await page.locator("tr.failed").textContent()).toContain("exit code 1: boom");
      // user text is shown as text, never as markup
      expect(await page.locator("h1 b").count()).toBe(0);
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);
