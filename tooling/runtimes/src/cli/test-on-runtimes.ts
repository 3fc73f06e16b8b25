// multiproc-test: runs the current package's vitest suite once per runtime, writes each run's
// JSON report to .test-results/<runtime>.json and its wall time to <runtime>.time.json (both read by
// summarize), and prints one line per runtime.
//   runtimes: package.json "multiproc.testRuntimes", narrowed by MULTIPROC_RUNTIMES=node20,deno,…
//   files at once: package.json "multiproc.testFilesAtOnce" (vitest's --maxWorkers), else vitest's
//   own default (one fewer than the CPUs: one, on a 2-core machine).
//   extra arguments go to vitest (a file filter, -t NAME, …).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isFile, searchHere } from "../find-binary.ts";
import { formatCounts, readReport, reportFile } from "../report.ts";
import { binaryVersion, runtimeIds, selectTestRuntimes, type TestRuntime } from "../runtimes.ts";
import { timingFile, writeTiming } from "../timing.ts";

interface PackageJson {
  name?: string;
  multiproc?: { testRuntimes?: string[]; testFilesAtOnce?: unknown };
}

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as PackageJson;
const name = pkg.name ?? "this package";
const declared = pkg.multiproc?.testRuntimes;
const wanted = process.env.MULTIPROC_RUNTIMES?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const ids = declared ?? runtimeIds;
const chosen = choose(wanted ? ids.filter((id) => wanted.includes(id)) : ids);
const filesAtOnce = maxWorkersArgs(pkg.multiproc?.testFilesAtOnce);
// A runtime the package declares, or MULTIPROC_RUNTIMES names, must be there. Of the default set
// (nothing declared), a missing one is only reported: an adapter author may lack Node 24.
const required = declared !== undefined || wanted !== undefined;

// The project's vitest, looked for as its node_modules/.bin would be: from here up, then around this package.
const vitest = searchHere(true)
  .folders.map((dir) => join(dir, "node_modules", "vitest", "vitest.mjs"))
  .find(isFile);
if (!vitest) {
  console.error(`✗ ${name}: no node_modules/vitest here or above; install vitest (a peer dependency)`);
  process.exit(1);
}

const outDir = ".test-results";
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let failedRuntimes = 0;
let ran = 0;
for (const runtime of chosen) {
  const version = binaryVersion(runtime);
  if (version === null) {
    const mark = required ? "✗" : "-";
    const what = required ? "missing" : "not installed, skipped";
    console.error(`${mark} ${name} on ${runtime.id}: ${what}: ${runtime.searched}`);
    if (required) failedRuntimes++;
    continue;
  }
  ran++;
  if (!runOn(runtime, version, vitest)) failedRuntimes++;
}
if (chosen.length === 0) {
  console.log(`- ${name}: none of its runtimes (${ids.join(", ")}) is in MULTIPROC_RUNTIMES: nothing to run`);
} else if (ran === 0 && failedRuntimes === 0) {
  console.error(`✗ ${name}: none of ${ids.join(", ")} is installed: no test ran`);
  failedRuntimes++;
}
process.exit(failedRuntimes === 0 ? 0 : 1);

/** The runtimes of these ids; an unknown id ends the program with the known ones listed. */
function choose(list: readonly string[]): TestRuntime[] {
  try {
    return selectTestRuntimes(list);
  } catch (error) {
    console.error(`✗ ${name}: ${(error as Error).message} (package.json multiproc.testRuntimes)`);
    process.exit(2);
  }
}

/**
 * vitest's --maxWorkers for the package's testFilesAtOnce: none when it declares none, or when
 * the command line gives --maxWorkers (or --max-workers) itself. Anything but a whole number ≥ 1
 * ends the program, whatever the command line says.
 */
function maxWorkersArgs(declared: unknown): string[] {
  if (declared === undefined) return [];
  if (typeof declared !== "number" || !Number.isInteger(declared) || declared < 1) {
    console.error(
      `✗ ${name}: package.json multiproc.testFilesAtOnce must be a whole number ≥ 1, not ${JSON.stringify(declared)}`,
    );
    process.exit(2);
  }
  const given = process.argv.slice(2).some((a) => /^--max-?workers(=|$)/i.test(a));
  return given ? [] : [`--maxWorkers=${declared}`];
}

/** One vitest run on `runtime`; true when it passed. */
function runOn(runtime: TestRuntime, version: string, vitest: string): boolean {
  const outFile = reportFile(outDir, runtime.id);
  // Deno runs vitest's threads pool badly; its forks pool works.
  const poolArgs = runtime.id === "deno" ? ["--pool=forks"] : [];
  const args = runtime.argv(vitest, [
    "run",
    ...poolArgs,
    ...filesAtOnce,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${outFile}`,
    ...process.argv.slice(2),
  ]);
  console.log(`▶ ${name} on ${runtime.id} ${version}`);
  const started = performance.now();
  const run = spawnSync(runtime.binary, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      MULTIPROC_RUNTIME_ID: runtime.id,
      MULTIPROC_RUNTIME: runtime.name,
      MULTIPROC_RUNTIME_VERSION: version,
    },
  });
  const seconds = (performance.now() - started) / 1000;
  writeTiming(timingFile(outDir, runtime.id), seconds);
  const report = readReport(outFile);
  const ok = run.status === 0 && report !== null && report.failed === 0;
  const counts = report ? formatCounts(report) : "no report written";
  console.log(
    `${ok ? "✓" : "✗"} ${name} on ${runtime.id} ${version}: ${counts} (exit ${run.status ?? run.signal}, ${seconds.toFixed(1)}s)`,
  );
  return ok;
}
