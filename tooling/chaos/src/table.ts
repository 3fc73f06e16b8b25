// The chaos runs as a plain-text table, one row per runtime and kind, and the failures below it.
import type { Violation } from "./attribution.ts";
import type { ChaosRun } from "./run-driver.ts";

const columns: [title: string, cell: (run: ChaosRun) => unknown][] = [
  ["runtime", (r) => `${r.runtime}${r.summary ? ` ${r.summary.version}` : ""}`],
  ["kind", (r) => r.kind],
  ["tasks", (r) => r.summary?.tasks],
  ["value", (r) => r.summary?.outcomes.value],
  ["thrown", (r) => r.summary?.outcomes.taskError],
  ["exited", (r) => r.summary?.outcomes.workerExit],
  ["killed", (r) => r.summary?.outcomes.killed],
  ["timeout", (r) => r.summary?.outcomes.timeout],
  ["aborted", (r) => r.summary?.outcomes.abort],
  [
    "SIGKILLs (at start-up)",
    (r) => (r.summary?.storm ? `${r.summary.kills.sent} (${r.summary.kills.beforeModuleLoad})` : "-"),
  ],
  ["max workers", (r) => r.summary && `${r.summary.maxWorkerCount}/${r.summary.workers}`],
  ["seconds", (r) => r.summary && (r.summary.durationMs / 1000).toFixed(1)],
  ["invariants", (r) => (failures(r).length === 0 ? "ok" : `${failures(r).length} FAILED`)],
];

/** Every way a run went wrong: the driver's violations, and what only the runner could see. */
export function failures(run: ChaosRun): Violation[] {
  const found: Violation[] = [];
  if (!run.summary) {
    const how = run.killedByGuard ? "was killed by the hang guard" : `ended (${run.exitCode ?? run.signal})`;
    found.push({ why: `the driver ${how} without a summary` });
  } else found.push(...run.summary.violations);
  if (run.orphans.length > 0)
    found.push({ why: `worker processes outlived the driver: ${run.orphans.join("; ")}` });
  return found;
}

/** The table, as lines of text. */
export function formatTable(runs: ChaosRun[]): string[] {
  const rows = runs.map((run) => columns.map(([, cell]) => String(cell(run) ?? 0)));
  const widths = columns.map(([title], i) =>
    Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [line(columns.map(([title]) => title)), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** The failures of each run, for below the table. */
export function formatFailures(runs: ChaosRun[]): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    const found = failures(run);
    if (found.length === 0) continue;
    lines.push(`${run.runtime} ${run.kind} (seed ${run.summary?.seed ?? "?"}):`);
    for (const failure of found.slice(0, 10)) lines.push(`  ${JSON.stringify(failure)}`);
    if (found.length > 10) lines.push(`  … and ${found.length - 10} more`);
    if (run.summary && run.summary.violationCount > run.summary.violations.length)
      lines.push(`  (${run.summary.violationCount} in all)`);
    if (!run.summary) lines.push(`  stderr: ${run.stderrTail.slice(-2000)}`);
  }
  return lines;
}
