// How long each suite took: multiproc-test writes .test-results/<runtime>.time.json beside vitest's
// report (the whole run, start-up included, as the runner saw it); the workspace summary reads them
// into a table, package × runtime → seconds, to show where the test time goes.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One package's run on one runtime. */
export interface Timing {
  pkg: string;
  runtime: string;
  seconds: number;
}

/** The timing file beside a runtime's report. */
export function timingFile(resultsDir: string, runtime: string): string {
  return join(resultsDir, `${runtime}.time.json`);
}

export function writeTiming(file: string, seconds: number): void {
  writeFileSync(file, `${JSON.stringify({ seconds: Math.round(seconds * 1000) / 1000 })}\n`);
}

/** The seconds in `file`, or null when there is none (an older runner, a run that never started). */
export function readTiming(file: string): number | null {
  if (!existsSync(file)) return null;
  const { seconds } = JSON.parse(readFileSync(file, "utf8")) as { seconds?: unknown };
  return typeof seconds === "number" && Number.isFinite(seconds) ? seconds : null;
}

/**
 * The table's lines: a row per package, a column per runtime (in `runtimeOrder`, those that ran),
 * each row's sum, then a total row. "-" marks a runtime a package did not run on. `wallSeconds`,
 * when given, is the whole run's own time, which is less than the sum when suites overlap.
 */
export function timingTable(
  timings: readonly Timing[],
  runtimeOrder: readonly string[],
  wallSeconds?: number,
): string[] {
  if (timings.length === 0) return [];
  const columns = runtimeOrder.filter((id) => timings.some((t) => t.runtime === id));
  const packages = [...new Set(timings.map((t) => t.pkg))];
  const cell = (pkg: string, runtime: string) =>
    timings.filter((t) => t.pkg === pkg && t.runtime === runtime).reduce((s, t) => s + t.seconds, 0);
  const ran = (pkg: string, runtime: string) => timings.some((t) => t.pkg === pkg && t.runtime === runtime);

  const nameWidth = Math.max("seconds".length, "total".length, ...packages.map((p) => p.length));
  const line = (name: string, cells: string[]) =>
    [name.padEnd(nameWidth), ...cells.map((c) => c.padStart(7))].join(" ").trimEnd();
  const lines = [line("seconds", [...columns, "total"])];
  for (const pkg of packages) {
    const cells = columns.map((id) => (ran(pkg, id) ? cell(pkg, id).toFixed(1) : "-"));
    const sum = columns.reduce((s, id) => s + cell(pkg, id), 0);
    lines.push(line(pkg, [...cells, sum.toFixed(1)]));
  }
  const columnSums = columns.map((id) => packages.reduce((s, pkg) => s + cell(pkg, id), 0));
  const total = columnSums.reduce((s, v) => s + v, 0);
  lines.push(line("total", [...columnSums.map((v) => v.toFixed(1)), total.toFixed(1)]));
  const wall = wallSeconds === undefined ? "" : `; wall time ${minutes(wallSeconds)}`;
  lines.push(`${timings.length} runs, ${minutes(total)} in all${wall}`);
  return lines;
}

/** "6m 52s", or "41.2s" under a minute. */
export function minutes(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, "0")}s`;
}
