// The summary's timing table and sums, from result folders as multiproc-test leaves them: vitest
// JSON reports and .time.json files, with the counts and seconds of a real full run on the 2-core
// machine (a few of its packages, release's failure included).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatCounts } from "../src/report.ts";
import { runtimeIds } from "../src/runtimes.ts";
import { collectRuns, sumCounts, timings } from "../src/summary.ts";
import { minutes, timingFile, timingTable, writeTiming } from "../src/timing.ts";

type Run = { passed: number; failed: number; skipped: number; seconds: number };

/** A workspace whose packages' .test-results hold these runs (package → runtime → run). */
function workspace(runs: Record<string, Record<string, Run | { seconds: number }>>): string {
  const root = mkdtempSync(join(tmpdir(), "multiproc-timing-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n  - tooling/*\n");
  for (const [pkg, byRuntime] of Object.entries(runs)) {
    const results = join(root, pkg, ".test-results");
    mkdirSync(results, { recursive: true });
    for (const [runtime, run] of Object.entries(byRuntime)) {
      writeTiming(timingFile(results, runtime), run.seconds);
      if (!("passed" in run)) continue; // the run wrote no report (vitest crashed)
      const report = {
        success: run.failed === 0,
        numPassedTests: run.passed,
        numFailedTests: run.failed,
        numPendingTests: run.skipped,
        numTodoTests: 0,
        testResults: [{ status: run.failed ? "failed" : "passed", assertionResults: [{}] }],
      };
      writeFileSync(join(results, `${runtime}.json`), JSON.stringify(report));
    }
  }
  return root;
}

const fullRun = {
  "packages/bullmq": {
    node20: { passed: 207, failed: 0, skipped: 29, seconds: 100.1 },
    deno: { passed: 206, failed: 0, skipped: 30, seconds: 114.4 },
    bun: { passed: 207, failed: 0, skipped: 29, seconds: 77.0 },
  },
  "packages/node": {
    node20: { passed: 306, failed: 0, skipped: 67, seconds: 41.5 },
    node24: { passed: 306, failed: 0, skipped: 67, seconds: 36.2 },
  },
  "tooling/release": { node20: { passed: 8, failed: 1, skipped: 8, seconds: 5.1 } },
  "tooling/runtimes": {
    node20: { passed: 19, failed: 0, skipped: 0, seconds: 2.5 },
    node24: { passed: 19, failed: 0, skipped: 0, seconds: 2.0 },
    deno: { passed: 19, failed: 0, skipped: 0, seconds: 1.9 },
    bun: { passed: 19, failed: 0, skipped: 0, seconds: 2.0 },
  },
};

describe("the summary of a run", () => {
  it("tables package × runtime → seconds, with each row's and each runtime's sum", () => {
    const runs = collectRuns(workspace(fullRun), runtimeIds);
    expect(timingTable(timings(runs), runtimeIds, 400.2)).toEqual([
      "seconds           node20  node24    deno     bun   total",
      "packages/bullmq    100.1       -   114.4    77.0   291.5",
      "packages/node       41.5    36.2       -       -    77.7",
      "tooling/release      5.1       -       -       -     5.1",
      "tooling/runtimes     2.5     2.0     1.9     2.0     8.4",
      "total              149.2    38.2   116.3    79.0   382.7",
      "10 runs, 6m 23s in all; wall time 6m 40s",
    ]);
  });

  it("sums the counts into the closing line, the failure included", () => {
    const runs = collectRuns(workspace(fullRun), runtimeIds);
    expect(runs.map((r) => `${r.pkg} ${r.runtime}`)).toEqual([
      "packages/bullmq node20",
      "packages/bullmq deno",
      "packages/bullmq bun",
      "packages/node node20",
      "packages/node node24",
      "tooling/release node20",
      "tooling/runtimes node20",
      "tooling/runtimes node24",
      "tooling/runtimes deno",
      "tooling/runtimes bun",
    ]);
    expect(formatCounts(sumCounts(runs))).toBe("1316 passed, 1 failed, 230 skipped");
  });

  it("counts a run that left a time but no report as failed, and still shows its time", () => {
    const runs = collectRuns(
      workspace({
        "packages/core": {
          node20: { passed: 168, failed: 0, skipped: 0, seconds: 9.3 },
          deno: { seconds: 3.2 },
        },
      }),
      runtimeIds,
    );
    expect(formatCounts(sumCounts(runs))).toBe("168 passed, 1 failed, 0 skipped");
    expect(timingTable(timings(runs), runtimeIds)).toEqual([
      "seconds        node20    deno   total",
      "packages/core     9.3     3.2    12.5",
      "total             9.3     3.2    12.5",
      "2 runs, 12.5s in all",
    ]);
  });

  it("writes nothing when nothing was timed", () => {
    expect(timingTable([], runtimeIds)).toEqual([]);
  });
});

describe("minutes", () => {
  it("shows seconds under a minute, and minutes with two-digit seconds above", () => {
    expect(minutes(41.25)).toBe("41.3s");
    expect(minutes(59.94)).toBe("59.9s");
    expect(minutes(60)).toBe("1m 00s");
    expect(minutes(657.8)).toBe("10m 58s");
  });
});
