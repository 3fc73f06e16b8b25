// The terminal table: one line per cell, grouped by runtime, fastest setting marked.
import { setting } from "../labels.ts";
import { labels } from "../runtimes.ts";
import type { BenchCell } from "../schema.ts";
import { rateText } from "./chart.ts";

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The columns of a cell, in the terminal table and the HTML report alike. */
export const CELL_HEADER = [
  "runtime",
  "kind",
  "setting",
  "median ms",
  "min–max ms",
  "±",
  "items/s",
  "vs main",
  "peak RSS",
];

/** A cell's figures as the texts of CELL_HEADER's columns. */
export function cellColumns(c: BenchCell): string[] {
  return [
    `${labels[c.runtime]} ${c.runtimeVersion}`,
    c.kind ?? "-",
    setting(c),
    c.ms ? ms(c.ms.median) : "FAILED",
    c.ms ? `${ms(c.ms.min)}–${ms(c.ms.max)}` : (c.error ?? ""),
    c.spread === null ? "" : `${Math.round(c.spread * 100)}%`,
    c.itemsPerSecond === null ? "" : rateText(c.itemsPerSecond),
    c.speedUp === null || c.mode === "main"
      ? ""
      : `${c.speedUp < 0.1 ? c.speedUp.toPrecision(2) : c.speedUp.toFixed(2)}×`,
    c.peakRssMiB ? `${c.peakRssMiB.median.toFixed(0)} MiB` : "",
  ];
}

export function renderTable(cells: BenchCell[]): string {
  const header = CELL_HEADER;
  const rows = cells.map(cellColumns);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const right = new Set([3, 4, 5, 6, 7, 8]);
  const line = (cols: string[]) =>
    cols
      .map((col, i) => (right.has(i) ? col.padStart(widths[i] ?? 0) : col.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
