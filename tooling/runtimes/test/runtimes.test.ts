import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReport } from "../src/report.ts";
import {
  type BrowserRuntime,
  binaryVersion,
  knownRuntimeIds,
  runtimeIds,
  selectRuntimes,
  selectTestRuntimes,
} from "../src/runtimes.ts";

const chromiumRuntime = () => selectTestRuntimes(["chromium"])[0] as BrowserRuntime;

describe("runtime table", () => {
  it("names the four runtimes of the test matrix", () => {
    expect(runtimeIds).toEqual(["node20", "node24", "deno", "bun"]);
  });

  it("refuses an unknown runtime id and lists the known ones", () => {
    expect(() => selectRuntimes(["node20", "rhino"])).toThrow(
      /unknown runtime "rhino"; known: node20, node24/,
    );
  });

  it("knows chromium besides, only for packages that declare it", () => {
    expect(knownRuntimeIds).toEqual(["node20", "node24", "deno", "bun", "chromium"]);
    expect(() => selectRuntimes(["chromium"])).toThrow(/unknown runtime "chromium"/); // not a runtime of the matrix
    const [chromium, node20] = selectTestRuntimes(["chromium", "node20"]);
    expect(chromium?.name).toBe("chromium");
    expect(chromium?.binary).toBe(node20?.binary); // vitest runs on Node 20; the tests drive the browser
  });

  it.skipIf(!existsSync("/usr/bin/chromium"))(
    "reports the browser's version for chromium [needs /usr/bin/chromium]",
    () => {
      expect(binaryVersion(chromiumRuntime())).toMatch(/^\d{2,}\.\d+\.\d+$/);
    },
  );

  it("says where Chromium was looked for when it is missing", () => {
    const saved = process.env.MULTIPROC_CHROMIUM;
    process.env.MULTIPROC_CHROMIUM = "/nowhere/chromium";
    try {
      const chromium = chromiumRuntime();
      expect(binaryVersion(chromium)).toBeNull();
      expect(chromium.searched).toContain("no Chromium at /nowhere/chromium");
    } finally {
      if (saved === undefined) delete process.env.MULTIPROC_CHROMIUM;
      else process.env.MULTIPROC_CHROMIUM = saved;
    }
  });

  it("reads each installed binary's own version", () => {
    const versions = Object.fromEntries(selectRuntimes(runtimeIds).map((r) => [r.id, binaryVersion(r)]));
    expect(versions.node20).toMatch(/^20\./);
    expect(versions.node24).toMatch(/^24\./);
    expect(versions.deno).toMatch(/^2\./);
    expect(versions.bun).toMatch(/^1\./);
  });
});

describe("readReport", () => {
  const dir = mkdtempSync(join(tmpdir(), "multiproc-report-"));

  it("returns null when no report was written", () => {
    expect(readReport(join(dir, "absent.json"))).toBeNull();
  });

  it("counts a test file that failed to load as one failure", () => {
    const file = join(dir, "r.json");
    writeFileSync(
      file,
      JSON.stringify({
        numPassedTests: 3,
        numFailedTests: 1,
        numPendingTests: 2,
        numTodoTests: 1,
        testResults: [
          { status: "failed", assertionResults: [] },
          { status: "failed", assertionResults: [{ status: "failed" }] },
        ],
      }),
    );
    expect(readReport(file)).toEqual({ passed: 3, failed: 2, skipped: 3 });
  });

  it("counts errors outside any test (an unhandled rejection) as one failure", () => {
    const file = join(dir, "unhandled.json");
    const counts = { numPassedTests: 5, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
    writeFileSync(file, JSON.stringify({ ...counts, success: false, testResults: [] }));
    expect(readReport(file)).toEqual({ passed: 5, failed: 1, skipped: 0 });
  });
});
