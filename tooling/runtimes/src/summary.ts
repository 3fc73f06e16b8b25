// The workspace's test results, read back: each package's per-runtime reports and timings
// (.test-results/<runtime>.json and .time.json, written by multiproc-test), for the summary.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Counts, readReport, reportFile } from "./report.ts";
import { readTiming, type Timing, timingFile } from "./timing.ts";
import { workspacePackageDirs } from "./workspace-packages.ts";

/** One package's run on one runtime: its counts (null: no report) and seconds (null: not timed). */
export interface PackageRun {
  pkg: string;
  runtime: string;
  counts: Counts | null;
  seconds: number | null;
}

/** Every run found under `root`'s workspace packages, in package order, then `runtimeOrder`. */
export function collectRuns(root: string, runtimeOrder: readonly string[]): PackageRun[] {
  const runs: PackageRun[] = [];
  for (const pkg of workspacePackageDirs(root)) {
    const resultsDir = join(root, pkg, ".test-results");
    if (!existsSync(resultsDir)) continue;
    for (const runtime of runtimeOrder) {
      const counts = readReport(reportFile(resultsDir, runtime));
      const seconds = readTiming(timingFile(resultsDir, runtime));
      if (counts !== null || seconds !== null) runs.push({ pkg, runtime, counts, seconds });
    }
  }
  return runs;
}

/** The counts summed over `runs`; a run that wrote no report counts as one failure. */
export function sumCounts(runs: readonly PackageRun[]): Counts {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const { counts } of runs) {
    total.passed += counts?.passed ?? 0;
    total.failed += counts?.failed ?? 1;
    total.skipped += counts?.skipped ?? 0;
  }
  return total;
}

/** The timed runs, for the timing table. */
export function timings(runs: readonly PackageRun[]): Timing[] {
  return runs.flatMap(({ pkg, runtime, seconds }) => (seconds === null ? [] : [{ pkg, runtime, seconds }]));
}
