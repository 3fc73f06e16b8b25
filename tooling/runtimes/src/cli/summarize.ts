// Sums every workspace package's per-runtime test reports (.test-results/<runtime>.json, written
// by multiproc-test) into a table, the time each run took, and the closing line
// "N passed, N failed, N skipped", which CI reads. `--wall=SECONDS`: the whole run's time, for the
// timing table (test-all passes it). The failed tests come last, by name and with why, so that the
// end of a log says what failed.
import { join } from "node:path";
import { failureLines, readFailedTests } from "../failed-tests.ts";
import { formatCounts, reportFile } from "../report.ts";
import { knownRuntimeIds, workspaceRoot } from "../runtimes.ts";
import { collectRuns, sumCounts, timings } from "../summary.ts";
import { timingTable } from "../timing.ts";

const wallArg = process.argv.find((a) => a.startsWith("--wall="));
const wallSeconds = wallArg ? Number(wallArg.slice("--wall=".length)) : undefined;

const runs = collectRuns(workspaceRoot, knownRuntimeIds);
for (const r of runs) {
  const counts = r.counts ? formatCounts(r.counts) : "no report written";
  console.log(`${r.pkg.padEnd(24)} ${r.runtime.padEnd(7)} ${counts}`);
}
const table = timingTable(timings(runs), knownRuntimeIds, wallSeconds);
if (table.length > 0) console.log(["", ...table, ""].join("\n"));

const failures = runs
  .filter((r) => (r.counts?.failed ?? 0) > 0)
  .flatMap(({ pkg, runtime }) => {
    const packageDir = join(workspaceRoot, pkg);
    const failed = readFailedTests(reportFile(join(packageDir, ".test-results"), runtime), packageDir);
    // vitest's report names no test for an error thrown outside every test (an unhandled rejection).
    if (failed.length === 0)
      return [`✗ ${pkg} on ${runtime}: an error outside any test; its output above says which`];
    return failureLines(pkg, runtime, failed);
  });
if (failures.length > 0) console.log(["failed:", ...failures, ""].join("\n"));

const total = sumCounts(runs);
if (runs.length === 0) {
  console.log("no test reports found: did the tests run?");
  total.failed += 1;
}
console.log(formatCounts(total));
process.exit(total.failed === 0 ? 0 : 1);
