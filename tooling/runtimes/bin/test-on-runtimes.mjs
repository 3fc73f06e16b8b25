#!/usr/bin/env node
// Runs the current package's vitest suite once per runtime, writes each run's JSON report to
// .test-results/<runtime>.json (read by summarize.mjs), and prints one line per runtime.
//   runtimes: package.json "multiproc.testRuntimes", narrowed by MULTIPROC_RUNTIMES=node20,deno,…
//   extra arguments go to vitest (a file filter, -t NAME, …).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { readReport } from "../src/report.mjs";
import { binaryVersion, runtimeIds, selectRuntimes, workspaceRoot } from "../src/runtimes.mjs";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const declared = pkg.multiproc?.testRuntimes ?? runtimeIds;
const wanted = process.env.MULTIPROC_RUNTIMES?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const chosen = selectRuntimes(wanted ? declared.filter((id) => wanted.includes(id)) : declared);

const vitest = join(workspaceRoot, "node_modules", "vitest", "vitest.mjs");
const outDir = ".test-results";
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let failedRuntimes = 0;
for (const runtime of chosen) {
  const version = binaryVersion(runtime);
  const outFile = join(outDir, `${runtime.id}.json`);
  if (version === null) {
    console.error(`✗ ${pkg.name} on ${runtime.id}: binary missing at ${runtime.binary} (run pnpm install)`);
    failedRuntimes++;
    continue;
  }
  // Deno runs vitest's threads pool badly; its forks pool works.
  const poolArgs = runtime.id === "deno" ? ["--pool=forks"] : [];
  const args = runtime.argv(vitest, [
    "run",
    ...poolArgs,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${outFile}`,
    ...process.argv.slice(2),
  ]);
  console.log(`▶ ${pkg.name} on ${runtime.id} ${version}`);
  const run = spawnSync(runtime.binary, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      MULTIPROC_RUNTIME_ID: runtime.id,
      MULTIPROC_RUNTIME: runtime.name,
      MULTIPROC_RUNTIME_VERSION: version,
    },
  });
  const report = readReport(outFile);
  const ok = run.status === 0 && report !== null && report.failed === 0;
  if (!ok) failedRuntimes++;
  const counts = report
    ? `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`
    : "no report written";
  console.log(
    `${ok ? "✓" : "✗"} ${pkg.name} on ${runtime.id} ${version}: ${counts} (exit ${run.status ?? run.signal})`,
  );
}
process.exit(failedRuntimes === 0 ? 0 : 1);
