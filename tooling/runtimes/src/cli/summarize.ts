// Sums every workspace package's per-runtime test reports (.test-results/<runtime>.json, written
// by multiproc-test) into a table and the closing line "N passed, N failed, N skipped".
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Counts, formatCounts, readReport } from "../report.ts";
import { runtimeIds, workspaceRoot } from "../runtimes.ts";
import { workspacePackageDirs } from "../workspace-packages.ts";

const rows: (Counts & { pkg: string; runtime: string })[] = [];
for (const pkg of workspacePackageDirs(workspaceRoot)) {
  const resultsDir = join(workspaceRoot, pkg, ".test-results");
  if (!existsSync(resultsDir)) continue;
  for (const id of runtimeIds) {
    const report = readReport(join(resultsDir, `${id}.json`));
    if (report) rows.push({ pkg, runtime: id, ...report });
  }
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const r of rows) {
  console.log(`${r.pkg.padEnd(24)} ${r.runtime.padEnd(7)} ${formatCounts(r)}`);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
if (rows.length === 0) {
  console.log("no test reports found: did the tests run?");
  total.failed += 1;
}
console.log(formatCounts(total));
process.exit(total.failed === 0 ? 0 : 1);
