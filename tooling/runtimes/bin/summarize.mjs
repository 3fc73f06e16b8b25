#!/usr/bin/env node
// Sums every package's per-runtime test reports (.test-results/<runtime>.json, written by
// test-on-runtimes.mjs) into a table and the closing line "N passed, N failed, N skipped".
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readReport } from "../src/report.mjs";
import { runtimeIds, workspaceRoot } from "../src/runtimes.mjs";

// Workspace packages live in these folders (pnpm-workspace.yaml), and one is a package itself.
const groups = ["packages", "apps", "tooling"];
const single = ["examples"];
const packageDirs = [
  ...groups.flatMap((group) => {
    const groupDir = join(workspaceRoot, group);
    return existsSync(groupDir)
      ? readdirSync(groupDir)
          .sort()
          .map((name) => `${group}/${name}`)
      : [];
  }),
  ...single,
];
const rows = [];
for (const pkg of packageDirs) {
  const resultsDir = join(workspaceRoot, pkg, ".test-results");
  if (!existsSync(resultsDir)) continue;
  for (const id of runtimeIds) {
    const report = readReport(join(resultsDir, `${id}.json`));
    if (report) rows.push({ pkg, runtime: id, ...report });
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of rows) {
  console.log(
    `${r.pkg.padEnd(24)} ${r.runtime.padEnd(7)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
  );
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
if (rows.length === 0) {
  console.log("no test reports found: did the tests run?");
  total.failed += 1;
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);
