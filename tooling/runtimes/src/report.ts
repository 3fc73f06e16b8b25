// Reads one vitest JSON report into the counts the runners print.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A run's counts, as the runners print them. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The part of vitest's JSON report (`--reporter=json`) read here and in failed-tests.ts. */
export interface VitestReport {
  success?: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: ReportedFile[];
}

/** One test file in a vitest JSON report: its path, its status, why it failed, and its tests. */
export interface ReportedFile {
  name: string;
  status: string;
  message?: string;
  assertionResults?: {
    fullName: string;
    status: string;
    failureMessages?: string[];
    duration?: number | null;
  }[];
}

/** The report a runtime's run writes in a package's results folder. */
export function reportFile(resultsDir: string, runtime: string): string {
  return join(resultsDir, `${runtime}.json`);
}

/** The counts of the report in `file`, or null when there is no report. */
export function readReport(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, "utf8")) as VitestReport;
  // A file that fails to load counts as one failure, since it has no tests to count.
  const brokenFiles = (json.testResults ?? []).filter(
    (f) => f.status === "failed" && (f.assertionResults ?? []).length === 0,
  ).length;
  // Errors outside any test (an unhandled rejection) fail the run without failing a test: count one.
  const outsideTests = json.success === false && json.numFailedTests + brokenFiles === 0 ? 1 : 0;
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests + brokenFiles + outsideTests,
    skipped: json.numPendingTests + json.numTodoTests,
  };
}

/** "N passed, N failed, N skipped". */
export function formatCounts(counts: Counts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}
