import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReport } from "../src/report.ts";
import { binaryVersion, runtimeIds, selectRuntimes } from "../src/runtimes.ts";

describe("runtime table", () => {
  it("names the four runtimes of the test matrix", () => {
    expect(runtimeIds).toEqual(["node20", "node24", "deno", "bun"]);
  });

  it("refuses an unknown runtime id and lists the known ones", () => {
    expect(() => selectRuntimes(["node20", "rhino"])).toThrow(
      /unknown runtime "rhino"; known: node20, node24/,
    );
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
