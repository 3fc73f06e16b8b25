// The results as a plain-text table for stdout, and the targets' pass/miss lines.
import type { BenchResults, SourceSection } from "../results.ts";
import { cell, columns, ratio, rowCells } from "./cells.ts";

export function textTable(results: BenchResults): string {
  const head = ["runtime", "kind", "contender", ...columns.map((c) => c.title)];
  // Rows of a source's own section print with that section.
  const body = results.rows
    .filter((row) => row.section === undefined)
    .map((row) =>
      row.errors.length && !row.rounds.flat().length
        ? [...rowCells(row), `failed: ${row.errors[0]?.slice(0, 80)}`]
        : [...rowCells(row), ...columns.map((c) => cell(row, c))],
    );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(head), ...body.map(line)].join("\n");
}

export function targetLines(results: BenchResults): string {
  return results.targets
    .map((t) => {
      const mark = t.pass === null ? "·" : t.pass ? "✓" : "✗";
      const got = t.measured === null ? "not measured" : ratio(t.measured);
      return `${mark} ${t.id.padEnd(22)} ${got.padStart(12)}  (${t.bound})`;
    })
    .join("\n");
}

/** A source's section on stdout: its title, then a line per check (✓ met, ✗ missed, · reported). */
export function sectionText(section: SourceSection): string {
  const lines = section.checks.map((c) => {
    const mark = c.pass === null ? "·" : c.pass ? "✓" : "✗";
    const got = c.measured === null ? "not measured" : `${formatFigure(c.measured)} ${c.unit}`;
    return `${mark} ${c.id.padEnd(22)} ${got.padStart(18)}  (${c.bound})`;
  });
  return [`${section.title}:`, ...lines].join("\n");
}

/** 0.71 → "0.71"; 123,456.7 → "123,457". */
export const formatFigure = (x: number): string =>
  x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(2);
