// Reads one vitest JSON report into the counts the runners print.
import { existsSync, readFileSync } from "node:fs";

/** @returns {{ passed: number, failed: number, skipped: number } | null} null when there is no report */
export function readReport(file) {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, "utf8"));
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
