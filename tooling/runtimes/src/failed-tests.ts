// The tests a vitest JSON report says failed, named with the first lines of why: the summary
// prints them last, before the closing counts, because CI often keeps only the end of a log.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import type { VitestReport } from "./report.ts";

/** A failed test (or a test file that failed to load): where, which, and why. */
export interface FailedTest {
  /** The test file, relative to its package. */
  file: string;
  /** The test's full name; empty for a file that failed outside any test. */
  name: string;
  /** The failure message and its stack. */
  message: string;
  /** How long the test ran, ms, where the report says. */
  ms?: number | undefined;
}

/** The failed tests in the report `file` of the package at `packageDir`; none when it has no report. */
export function readFailedTests(file: string, packageDir: string): FailedTest[] {
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, "utf8")) as VitestReport;
  return (report.testResults ?? []).flatMap((testFile) => {
    const where = relative(packageDir, testFile.name);
    const tests = testFile.assertionResults ?? [];
    const failed = tests
      .filter((test) => test.status === "failed")
      .map((test) => ({
        file: where,
        name: test.fullName,
        message: (test.failureMessages ?? []).join("\n"),
        ms: test.duration ?? undefined,
      }));
    // A file that failed with no failed test in it: it did not load, or a hook threw.
    if (failed.length === 0 && testFile.status === "failed") {
      return [{ file: where, name: "", message: testFile.message ?? "" }];
    }
    return failed;
  });
}

/** The lines the summary prints for one run's failed tests: a heading each, then up to `lines` of why. */
export function failureLines(
  pkg: string,
  runtime: string,
  failed: readonly FailedTest[],
  lines = 12,
): string[] {
  return failed.flatMap(({ file, name, message, ms }) => {
    const why = message
      .split("\n")
      .filter((line) => line.trim() !== "" && !isForeignFrame(line))
      .map((line) => (line === TIMEOUT_PLACEHOLDER ? TIMEOUT_HINT : line));
    const shown = why.slice(0, lines).map((line) => `    ${line}`);
    const more = why.length - lines;
    if (more > 0) shown.push(`    … ${more} more line${more === 1 ? "" : "s"} in ${file}'s report`);
    const took = ms === undefined ? "" : ` (${(ms / 1000).toFixed(1)} s)`;
    return [`✗ ${pkg} on ${runtime}: ${file}${name ? ` > ${name}` : " (outside any test)"}${took}`, ...shown];
  });
}

// vitest's JSON report holds this instead of "Test timed out in 5000ms" (vitest 4.1).
const TIMEOUT_PLACEHOLDER = "Error: STACK_TRACE_ERROR";
const TIMEOUT_HINT = "no message in vitest's report: the way it reports a test that ran past its timeout";

/** A stack frame in vitest, another dependency or the runtime: it says nothing about the failure. */
function isForeignFrame(line: string): boolean {
  return (
    /^\s+at /.test(line) && (!line.includes("/") || line.includes("node_modules") || line.includes("node:"))
  );
}
